package io.linewatch.quality.trainingjob;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A training job as the API returns it.
 *
 * @param state QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param progress {@code phase}, and per epoch {@code epoch}, {@code maxEpochs}, {@code trainLoss},
 *     {@code validationLoss}, {@code validationAccuracy}, {@code bestEpoch}, {@code elapsedSeconds},
 *     {@code etaSeconds} (an upper bound: early stopping usually ends sooner)
 * @param metrics test-set metrics of the registered version
 */
public record TrainingJob(
        UUID id,
        String modelName,
        String source,
        String state,
        Map<String, Object> request,
        Map<String, Object> progress,
        Integer registeredVersion,
        Map<String, Object> metrics,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
