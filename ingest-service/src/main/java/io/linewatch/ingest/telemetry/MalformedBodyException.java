package io.linewatch.ingest.telemetry;

/**
 * The body cannot be read further (broken JSON structure, missing CSV header): rows before
 * {@code index} were handled, nothing from {@code index} on was.
 */
final class MalformedBodyException extends RuntimeException {

    final long index;

    MalformedBodyException(long index, String message) {
        super(message, null, false, false);
        this.index = index;
    }
}
