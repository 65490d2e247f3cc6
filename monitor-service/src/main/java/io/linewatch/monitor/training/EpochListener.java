package io.linewatch.monitor.training;

/** Hook into {@link NetworkTrainer}: progress after every epoch, and a cancellation flag checked before each. */
public interface EpochListener {

    EpochListener NONE = (epoch, maxEpochs, trainLoss, validationLoss) -> {};

    /** Called after each epoch; {@code validationLoss} is NaN without validation data. */
    void epochDone(int epoch, int maxEpochs, double trainLoss, double validationLoss);

    /** Checked before every epoch; true stops the run with a {@code CancellationException}. */
    default boolean cancelled() {
        return false;
    }
}
