package io.linewatch.monitor.live;

import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.StreamingForecastScorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer thread's streaming forecaster for one model version: the LSTM state of each of its
 * machines, stepped once per sample with {@code rnnTimeStep}. A machine's score counts only after
 * W steps of its current run, so a state that starts from zero (first sample, gap, takeover, hot
 * swap) does not raise on its first predictions.
 */
final class MachineStreams {

    private final ModelBundle bundle;
    private final StreamingForecastScorer scorer;
    private final Map<String, Integer> steps = new HashMap<>();

    MachineStreams(ModelBundle bundle) {
        this.bundle = bundle;
        this.scorer = new StreamingForecastScorer(bundle.network().clone(), bundle.errorScales());
    }

    ModelBundle bundle() {
        return bundle;
    }

    /**
     * One step of distinct machines; a score is null while the machine's run is shorter than W.
     * {@code restarted[i]} drops machine i's state first (its window restarted: gap or first sample).
     */
    Score[] step(List<String> machines, double[][] samples, boolean[] restarted) {
        for (int i = 0; i < machines.size(); i++) {
            if (restarted[i]) {
                forget(machines.get(i));
            }
        }
        Score[] scores = scorer.step(machines, samples);
        for (int i = 0; i < machines.size(); i++) {
            int n = steps.merge(machines.get(i), 1, Integer::sum);
            if (n <= bundle.window()) {
                scores[i] = null;
            }
        }
        return scores;
    }

    void forget(String machine) {
        steps.remove(machine);
        scorer.forget(machine);
    }
}
