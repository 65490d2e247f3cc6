package io.linewatch.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces batches so all workers together post {@code pointsPerSecond}: each batch claims the next
 * send slot. Slots more than one interval in the past are dropped, so after a stall (a 429 back-off,
 * a GC) the workers do not catch up in a burst; a service slower than the rate simply gets the
 * closed-loop maximum.
 */
final class RatePacer {

    private final long nanosPerBatch;
    private final AtomicLong nextSlot;

    /** {@code pointsPerSecond <= 0} means closed loop: no pacing. */
    RatePacer(double pointsPerSecond, int pointsPerBatch) {
        this.nanosPerBatch = pointsPerSecond <= 0 ? 0 : (long) (1e9 * pointsPerBatch / pointsPerSecond);
        this.nextSlot = new AtomicLong(System.nanoTime());
    }

    void awaitSlot() {
        if (nanosPerBatch == 0) {
            return;
        }
        long now = System.nanoTime();
        long claimed = nextSlot.updateAndGet(s -> Math.max(s, now - nanosPerBatch) + nanosPerBatch) - nanosPerBatch;
        long wait = claimed - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
