package io.linewatch.quality.training;

/** Receives training progress; a REST job or the CLI implements it. Called on the training thread. */
public interface TrainingListener {

    TrainingListener NONE = progress -> {};

    void onEpoch(EpochProgress progress);

    /** Called after each mini-batch; by default ignored. */
    default void onBatch(int epoch, int batch, int batches, double loss) {}
}
