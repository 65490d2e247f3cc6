package io.linewatch.bench.stats;

import java.util.Arrays;

/**
 * Request latencies of one worker in microseconds. Every request is kept (a 60 s run is tens of
 * thousands of requests), so percentiles are exact rather than bucketed.
 */
public final class LatencyRecorder {

    private long[] micros = new long[1 << 14];
    private int count;

    public void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    public int count() {
        return count;
    }

    /** All recorded latencies of {@code recorders}, sorted ascending. */
    public static long[] mergeSorted(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.micros, 0, all, at, r.count);
            at += r.count;
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * Nearest-rank percentile of ascending {@code sorted}: the smallest value with at least {@code
     * q} of all values at or below it; 0 for no values.
     */
    public static long percentile(long[] sorted, double q) {
        if (q <= 0 || q > 1) {
            throw new IllegalArgumentException("percentile must be in (0, 1]: " + q);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
