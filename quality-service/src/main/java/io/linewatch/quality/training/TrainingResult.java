package io.linewatch.quality.training;

import io.linewatch.quality.model.ModelBundle;
import java.util.List;

/** A trained bundle (weights of the best validation epoch) and the per-epoch history. */
public record TrainingResult(ModelBundle bundle, List<EpochProgress> history, int bestEpoch) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
