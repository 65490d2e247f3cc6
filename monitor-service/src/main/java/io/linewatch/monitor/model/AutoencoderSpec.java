package io.linewatch.monitor.model;

/**
 * Hyperparameters of the LSTM autoencoder: {@code sensors} inputs per step, windows of
 * {@code window} steps, an encoder and a decoder LSTM of {@code units} each.
 */
public record AutoencoderSpec(int sensors, int window, int units, double learningRate, long seed) {

    public AutoencoderSpec {
        if (sensors < 1 || window < 2 || units < 1 || learningRate <= 0) {
            throw new IllegalArgumentException("sensors >= 1, window >= 2, units >= 1, learningRate > 0");
        }
    }
}
