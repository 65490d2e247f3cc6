package io.linewatch.ingest.telemetry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka side of one request: records go out in chunks as they are parsed, at most {@code
 * maxInFlight} chunks wait for acknowledgement (then parsing waits for the oldest), and chunks are
 * retired in order. So at any time the request knows a prefix of rows that Kafka acknowledged
 * in full; on the first failed chunk that prefix ends at the chunk's first row.
 */
final class Delivery {

    private final TelemetryPublisher publisher;
    private final int chunkSize;
    private final int maxInFlight;
    private final Duration ackTimeout;
    private final ArrayDeque<Chunk> window = new ArrayDeque<>();
    private Chunk current;
    private long acknowledgedRecords;
    private long acknowledgedPoints;
    private long failedFromIndex = -1;
    private Exception failure;

    Delivery(TelemetryPublisher publisher, TelemetrySettings settings) {
        this.publisher = publisher;
        this.chunkSize = settings.chunkSize();
        this.maxInFlight = settings.maxInFlightChunks();
        this.ackTimeout = settings.ackTimeout();
    }

    /** Sends one valid sample; false once Kafka has failed (stop sending). */
    boolean send(Outgoing sample) {
        if (failure != null) {
            return false;
        }
        if (current == null) {
            current = new Chunk(sample.index());
        }
        publisher.send(sample, current);
        if (current.records >= chunkSize) {
            return sealCurrent();
        }
        return true;
    }

    /** True when a chunk was just sealed; callers use it to re-check backpressure cheaply. */
    boolean chunkBoundary() {
        return current == null;
    }

    private boolean sealCurrent() {
        Chunk chunk = current;
        current = null;
        chunk.seal();
        window.addLast(chunk);
        while (window.size() > maxInFlight && failure == null) {
            retire(window.pollFirst());
        }
        return failure == null;
    }

    /** Waits for every chunk in order; afterwards the counters and failure are final. */
    void finish() {
        if (current != null) {
            sealCurrent();
        }
        while (!window.isEmpty() && failure == null) {
            retire(window.pollFirst());
        }
    }

    /** For MQTT: completes when every chunk sent so far completed (acknowledged or failed). */
    CompletableFuture<Void> whenAllDone() {
        if (current != null) {
            Chunk chunk = current;
            current = null;
            chunk.seal();
            window.addLast(chunk);
        }
        return CompletableFuture.allOf(window.stream().map(c -> c.done).toArray(CompletableFuture[]::new));
    }

    /** After {@link #whenAllDone()} completed: account the chunks without blocking. */
    void collectDone() {
        while (!window.isEmpty() && failure == null) {
            retire(window.pollFirst());
        }
    }

    private void retire(Chunk chunk) {
        try {
            chunk.done.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(chunk, e);
            return;
        } catch (ExecutionException | TimeoutException e) {
            fail(chunk, e);
            return;
        }
        if (chunk.failure() != null) {
            fail(chunk, chunk.failure());
            return;
        }
        publisher.recordLatency(chunk);
        acknowledgedRecords += chunk.records;
        acknowledgedPoints += chunk.points;
    }

    private void fail(Chunk chunk, Exception e) {
        failure = e;
        failedFromIndex = chunk.firstIndex;
    }

    Exception failure() {
        return failure;
    }

    /** The first row index from which nothing is known to be acknowledged, or -1. */
    long failedFromIndex() {
        return failedFromIndex;
    }

    long acknowledgedRecords() {
        return acknowledgedRecords;
    }

    long acknowledgedPoints() {
        return acknowledgedPoints;
    }
}
