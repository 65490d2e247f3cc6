package io.linewatch.ingest.telemetry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Consecutive records of one request sent to Kafka, acknowledged as a unit: one callback object
 * for all of them (no allocation per record), done when every record is acknowledged or failed.
 * {@code pending} starts at one for the "still filling" token that {@link #seal()} returns, so
 * the chunk cannot complete while records are still being added.
 */
final class Chunk implements Callback {

    final long firstIndex;
    final long startNanos = System.nanoTime();
    final CompletableFuture<Chunk> done = new CompletableFuture<>();
    private final AtomicInteger pending = new AtomicInteger(1);
    private volatile Exception failure;
    int records;
    int points;

    Chunk(long firstIndex) {
        this.firstIndex = firstIndex;
    }

    /** Call before {@code producer.send}: the callback may run before send returns. */
    void sending(int valueCount) {
        records++;
        points += valueCount;
        pending.incrementAndGet();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null && failure == null) {
            failure = exception;
        }
        if (pending.decrementAndGet() == 0) {
            done.complete(this);
        }
    }

    void seal() {
        onCompletion(null, null);
    }

    Exception failure() {
        return failure;
    }
}
