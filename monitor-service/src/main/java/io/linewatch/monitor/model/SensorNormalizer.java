package io.linewatch.monitor.model;

import java.util.Arrays;

/**
 * Per-sensor preprocessing fitted on training rows only: trending sensors are differenced, then
 * every sensor is standardised (like scikit-learn's StandardScaler, the SKAB protocol's scaler).
 *
 * <p>A sensor is trending when its lag-1 autocorrelation over the training rows exceeds
 * {@link #TREND_AUTOCORRELATION}: slow thermal sensors drift for reasons unrelated to faults
 * (ambient temperature, warm-up) and after a fault they keep their offset long after the machine
 * recovered; on levels they would dominate the error with drift. Their changes are what carries
 * information. This is the classic stationarity step (differencing, as in ARIMA), decided from the
 * training data alone. A sensor that is constant in training keeps a scale of 1 so it maps to 0
 * instead of NaN, and any later movement of it still shows as an error.
 */
public record SensorNormalizer(double[] means, double[] scales, boolean[] differenced) {

    /** Lag-1 autocorrelation above which a sensor is modelled by its changes, not its level. */
    public static final double TREND_AUTOCORRELATION = 0.8;

    private static final double MIN_SCALE = 1e-9;

    public SensorNormalizer {
        if (means.length != scales.length || means.length != differenced.length) {
            throw new IllegalArgumentException("means, scales and differenced flags differ in length");
        }
        means = means.clone();
        scales = scales.clone();
        differenced = differenced.clone();
    }

    /** Standardisation only, no differencing. */
    public SensorNormalizer(double[] means, double[] scales) {
        this(means, scales, new boolean[means.length]);
    }

    /** Fits on {@code rows[from, to)} with the default trend test; each row holds one value per sensor. */
    public static SensorNormalizer fit(double[][] rows, int from, int to) {
        return fit(rows, from, to, TREND_AUTOCORRELATION);
    }

    /** Fits on {@code rows[from, to)}, differencing sensors whose lag-1 autocorrelation exceeds {@code trendAutocorrelation}. */
    public static SensorNormalizer fit(double[][] rows, int from, int to, double trendAutocorrelation) {
        if (to - from < 3) {
            throw new IllegalArgumentException("need at least 3 rows to fit a normalizer");
        }
        int sensors = rows[from].length;
        boolean[] trending = new boolean[sensors];
        for (int s = 0; s < sensors; s++) {
            trending[s] = lag1Autocorrelation(rows, from, to, s) > trendAutocorrelation;
        }
        double[][] changed = differenceAll(rows, trending);
        // the first row has no predecessor inside the range; skip it so differences are real
        SensorNormalizer scaler = standardise(changed, from + 1, to);
        return new SensorNormalizer(scaler.means, scaler.scales, trending);
    }

    static double lag1Autocorrelation(double[][] rows, int from, int to, int s) {
        double mean = 0;
        for (int r = from; r < to; r++) {
            mean += rows[r][s];
        }
        mean /= to - from;
        double num = 0;
        double den = 0;
        for (int r = from; r < to; r++) {
            double d = rows[r][s] - mean;
            den += d * d;
            if (r > from) {
                num += d * (rows[r - 1][s] - mean);
            }
        }
        return den == 0 ? 0 : num / den;
    }

    private static double[][] differenceAll(double[][] rows, boolean[] trending) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = difference(rows[r], r == 0 ? null : rows[r - 1], trending);
        }
        return out;
    }

    private static double[] difference(double[] row, double[] previous, boolean[] trending) {
        double[] out = row.clone();
        for (int s = 0; s < row.length; s++) {
            if (trending[s]) {
                out[s] = previous == null ? 0.0 : row[s] - previous[s];
            }
        }
        return out;
    }

    private static SensorNormalizer standardise(double[][] rows, int from, int to) {
        int sensors = rows[from].length;
        double[] mean = new double[sensors];
        double[] scale = new double[sensors];
        for (int r = from; r < to; r++) {
            for (int s = 0; s < sensors; s++) {
                mean[s] += rows[r][s];
            }
        }
        int n = to - from;
        for (int s = 0; s < sensors; s++) {
            mean[s] /= n;
        }
        for (int r = from; r < to; r++) {
            for (int s = 0; s < sensors; s++) {
                double d = rows[r][s] - mean[s];
                scale[s] += d * d;
            }
        }
        for (int s = 0; s < sensors; s++) {
            double sd = Math.sqrt(scale[s] / n);
            scale[s] = sd < MIN_SCALE ? 1.0 : sd;
        }
        return new SensorNormalizer(mean, scale);
    }

    public int sensors() {
        return means.length;
    }

    /**
     * Preprocesses one raw row; {@code previousRaw} is the raw row before it (null for the first
     * row of a series, whose differenced sensors then read 0).
     */
    public double[] apply(double[] row, double[] previousRaw) {
        double[] changed = difference(row, previousRaw, differenced);
        double[] out = new double[row.length];
        for (int s = 0; s < row.length; s++) {
            out[s] = (changed[s] - means[s]) / scales[s];
        }
        return out;
    }

    /** Preprocesses a series of raw rows in time order. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = apply(rows[r], r == 0 ? null : rows[r - 1]);
        }
        return out;
    }

    @Override
    public boolean[] differenced() {
        return differenced.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorNormalizer other
                && Arrays.equals(means, other.means)
                && Arrays.equals(scales, other.scales)
                && Arrays.equals(differenced, other.differenced);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "SensorNormalizer" + Arrays.toString(means) + Arrays.toString(scales) + Arrays.toString(differenced);
    }
}
