package io.linewatch.monitor.trainingjob;

import java.time.Instant;
import java.util.UUID;

/** A training job as {@code GET /api/v1/training-jobs/{id}} shows it. Losses are null until the first epoch. */
record TrainingJob(
        UUID id,
        String modelName,
        String kind,
        State state,
        int epoch,
        int maxEpochs,
        Double trainLoss,
        Double validationLoss,
        Double etaSeconds,
        String message,
        String modelFile,
        Integer modelVersion,
        Double threshold,
        String submittedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }
}
