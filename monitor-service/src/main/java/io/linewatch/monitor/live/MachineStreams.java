package io.linewatch.monitor.live;

import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.scoring.StreamingForecastScorer;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One consumer thread's streaming forecaster for one model version: the LSTM state of each of its
 * machines, stepped once per sample with {@code rnnTimeStep}. A machine's score counts only after
 * the bundle's warm-up (measured when it was trained: the steps a state started from zero needs
 * before it forecasts as well as a settled one, at least W) of its current run, so a state that
 * starts from zero (first sample, gap, takeover, hot swap) does not raise on its first predictions.
 */
final class MachineStreams {

    private final ModelBundle bundle;
    private final StreamingForecastScorer scorer;
    private int[] runs = new int[0];
    /** Bench only (raw-probe): a network copy of its own for the bare rnnTimeStep; null when off. */
    private final MultiLayerNetwork probe;

    MachineStreams(ModelBundle bundle, boolean rawProbe) {
        this.bundle = bundle;
        this.scorer = new StreamingForecastScorer(bundle.network().clone(), bundle.errorScales());
        this.probe = rawProbe ? bundle.network().clone() : null;
    }

    /** The probe's input: the step's samples as the [n, sensors] float matrix a step feeds the network. */
    INDArray probeInput(double[][] samples) {
        int sensors = samples[0].length;
        float[] flat = new float[samples.length * sensors];
        for (int r = 0; r < samples.length; r++) {
            for (int s = 0; s < sensors; s++) {
                flat[r * sensors + s] = (float) samples[r][s];
            }
        }
        return Nd4j.create(flat, new long[] {samples.length, sensors}, 'c')
                .castTo(probe.params().dataType());
    }

    /**
     * The bare network on the same step (raw-probe): {@code rnnTimeStep} from a cleared state, the
     * same arithmetic as a step from the machines' states, without swapping them in and out.
     */
    void rawStep(INDArray input) {
        probe.rnnClearPreviousState();
        probe.rnnTimeStep(input);
    }

    ModelBundle bundle() {
        return bundle;
    }

    /**
     * One step of distinct machines: machine i's score to {@code values[i]}, NaN while its run is
     * not longer than the warm-up, and its sensors' shares to {@code shares[i * sensors, (i + 1) *
     * sensors)}. {@code restarted[i]} drops machine i's state first (its window restarted: gap or
     * first sample).
     */
    void step(List<String> machines, double[][] samples, boolean[] restarted, double[] values, double[] shares) {
        int n = machines.size();
        for (int i = 0; i < n; i++) {
            if (restarted[i]) {
                forget(machines.get(i));
            }
        }
        if (runs.length < n) {
            runs = new int[Math.max(n, runs.length * 2)];
        }
        scorer.step(machines, samples, values, shares, runs);
        for (int i = 0; i < n; i++) {
            if (runs[i] <= bundle.warmUp()) {
                values[i] = Double.NaN;
            }
        }
    }

    void forget(String machine) {
        scorer.forget(machine);
    }
}
