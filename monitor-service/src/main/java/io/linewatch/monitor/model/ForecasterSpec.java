package io.linewatch.monitor.model;

/**
 * Hyperparameters of an LSTM forecaster: {@code layers} stacked LSTMs of {@code units} each
 * reading windows of {@code window} steps of {@code sensors} values and predicting the next sample.
 */
public record ForecasterSpec(
        String preset, int sensors, int window, int layers, int units, double learningRate, int batchSize, long seed) {

    /** The stacked-LSTM regression of the classic tutorial: 3 x LSTM(50) -> Dense, Adam 0.01, MSE, batch 32. */
    public static final String CLASSIC_STACKED = "classic-stacked-lstm";

    public static final long DEFAULT_SEED = 42L;

    public ForecasterSpec {
        if (sensors < 1 || window < 1 || layers < 1 || units < 1 || learningRate <= 0 || batchSize < 1) {
            throw new IllegalArgumentException("every size must be positive");
        }
    }

    /** The classic preset, exactly: 3 x LSTM(50) -> Dense, Adam lr 0.01, MSE loss, batch 32. */
    public static ForecasterSpec classicStacked(int sensors, int window) {
        return new ForecasterSpec(CLASSIC_STACKED, sensors, window, 3, 50, 0.01, 32, DEFAULT_SEED);
    }
}
