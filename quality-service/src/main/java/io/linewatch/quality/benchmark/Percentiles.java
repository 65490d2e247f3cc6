package io.linewatch.quality.benchmark;

import java.util.Arrays;

/** Nearest-rank percentiles of measured durations (milliseconds). */
final class Percentiles {

    private final double[] sorted;

    Percentiles(double[] millis) {
        this.sorted = millis.clone();
        Arrays.sort(sorted);
    }

    double at(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
