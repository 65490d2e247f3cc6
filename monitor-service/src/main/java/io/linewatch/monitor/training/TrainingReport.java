package io.linewatch.monitor.training;

import java.util.List;

/** What a training run did: losses per epoch (validation loss NaN without validation data) and timing. */
public record TrainingReport(
        int epochs, int bestEpoch, List<Double> trainLoss, List<Double> validationLoss, double millisPerEpoch) {

    public TrainingReport {
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }
}
