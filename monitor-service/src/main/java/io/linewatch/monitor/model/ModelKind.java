package io.linewatch.monitor.model;

/** What a bundled network computes, and therefore how its score is read. */
public enum ModelKind {
    /** Reconstructs a window of W samples; score = reconstruction error. */
    LSTM_AUTOENCODER,
    /** Predicts the next sample at every step and is driven one step at a time with rnnTimeStep. */
    LSTM_STREAMING_FORECASTER
}
