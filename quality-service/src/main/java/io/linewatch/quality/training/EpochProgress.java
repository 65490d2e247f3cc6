package io.linewatch.quality.training;

import java.time.Duration;

/**
 * The state of a training run after one epoch.
 *
 * @param maxEpochs the epoch budget: {@code maxEpochs}, raised to reach {@code minSteps}
 * @param trainLoss mean (class-weighted) loss over the epoch's mini-batches
 * @param validationLoss class-weighted cross-entropy on the validation split, the early-stopping
 *     criterion
 * @param eta upper bound on the remaining time: mean epoch time times the epochs left before
 *     {@code maxEpochs} (early stopping usually ends sooner)
 */
public record EpochProgress(
        int epoch,
        int maxEpochs,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        int bestEpoch,
        Duration epochTime,
        Duration elapsed,
        Duration eta) {}
