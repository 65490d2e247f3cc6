package io.linewatch.monitor.training;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.SensorNormalizer;

/**
 * Everything that decides how an autoencoder detector is trained and thresholded. The defaults
 * ({@link #defaults()}) were chosen once for every SKAB file (see docs/monitor.md); the
 * evaluation commands never change them per file.
 *
 * @param calibrationFraction the last part of the training rows held back (not trained on) to
 *     calibrate the threshold
 * @param trendAutocorrelation lag-1 autocorrelation above which a sensor is differenced (above 1:
 *     never)
 */
public record DetectorSettings(
        int window,
        int units,
        double learningRate,
        int epochs,
        int batchSize,
        int patience,
        double calibrationFraction,
        double trendAutocorrelation,
        double percentile,
        double factor,
        AlarmPolicy policy,
        long seed) {

    public DetectorSettings {
        if (calibrationFraction <= 0 || calibrationFraction >= 1) {
            throw new IllegalArgumentException("calibrationFraction must be in (0, 1)");
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(
                10,
                32,
                0.005,
                25,
                32,
                5,
                0.25,
                SensorNormalizer.TREND_AUTOCORRELATION,
                99.0,
                3.0,
                new AlarmPolicy(3, 0.9, 5, 0.8),
                42L);
    }

    public DetectorSettings withWindow(int value) {
        return new DetectorSettings(
                value,
                units,
                learningRate,
                epochs,
                batchSize,
                patience,
                calibrationFraction,
                trendAutocorrelation,
                percentile,
                factor,
                policy,
                seed);
    }

    public DetectorSettings withTrendAutocorrelation(double value) {
        return new DetectorSettings(
                window,
                units,
                learningRate,
                epochs,
                batchSize,
                patience,
                calibrationFraction,
                value,
                percentile,
                factor,
                policy,
                seed);
    }

    public DetectorSettings withPolicy(AlarmPolicy value) {
        return new DetectorSettings(
                window,
                units,
                learningRate,
                epochs,
                batchSize,
                patience,
                calibrationFraction,
                trendAutocorrelation,
                percentile,
                factor,
                value,
                seed);
    }
}
