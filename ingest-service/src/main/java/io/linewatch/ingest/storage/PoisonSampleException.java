package io.linewatch.ingest.storage;

/**
 * A record that can never be stored however often it is retried (unreadable, or breaking the
 * {@code TelemetrySample} contract). The error handler classifies it as not retryable, so it
 * goes straight to the dead-letter topic and never blocks its partition.
 */
class PoisonSampleException extends RuntimeException {

    PoisonSampleException(String message) {
        super(message);
    }
}
