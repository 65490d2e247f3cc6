package io.linewatch.monitor.model;

/**
 * An alarm threshold calibrated on held-back normal data: {@code value = percentile-th percentile
 * of the calibration scores x factor}. Both inputs are kept so a reader of the artifact can see
 * how it was derived, and so it can be re-derived.
 */
public record Threshold(double percentile, double factor, double calibrationPercentileScore, int calibrationWindows) {

    public Threshold {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]");
        }
        if (factor <= 0) {
            throw new IllegalArgumentException("factor must be positive");
        }
    }

    public double value() {
        return calibrationPercentileScore * factor;
    }

    /** Calibrates from scores of held-back normal windows (linear-interpolated percentile). */
    public static Threshold calibrate(double[] normalScores, double percentile, double factor) {
        if (normalScores.length == 0) {
            throw new IllegalArgumentException("no calibration scores");
        }
        return new Threshold(percentile, factor, percentileOf(normalScores, percentile), normalScores.length);
    }

    static double percentileOf(double[] values, double percentile) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double rank = percentile / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
