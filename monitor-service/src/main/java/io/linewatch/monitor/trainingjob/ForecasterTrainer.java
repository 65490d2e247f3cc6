package io.linewatch.monitor.trainingjob;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.LstmForecasterFactory;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.SensorNormalizer;
import io.linewatch.monitor.model.Threshold;
import io.linewatch.monitor.training.EpochListener;
import io.linewatch.monitor.training.NetworkTrainer;
import io.linewatch.monitor.training.TrainingReport;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the streaming LSTM forecaster (predicts the next sample at every step) the way it is
 * served: a machine's LSTM state is carried from its first sample on, so training walks long
 * contiguous pieces of the series with truncated back-propagation ({@code window} steps per
 * segment, the state carried across segments) rather than short sequences that each start from
 * zero. A network trained only on zero-state sequences of W steps drifts when stepped statefully
 * for thousands of samples, and its threshold, calibrated on such sequences, then raised false
 * alarms on normal data. The last {@code validationSplit} of the rows is held back: early stopping
 * steps it as one series from zero state; per-sensor error scales and the threshold come from
 * stepping it from zero state from up to 32 starting rows, so the calibration scores hold both the
 * first predictions after a restart and long-running ones; the live warm-up is left out of all. Sensors are only
 * standardised, never differenced, so a forecast can be turned back into levels without a
 * running sum.
 *
 * <p>One trainer for {@code POST /api/v1/training-jobs} (kind {@code streaming-forecaster}) and
 * the command line ({@code train --kind streaming-forecaster}).
 */
public final class ForecasterTrainer {

    /** Autocorrelation can never exceed 1: no sensor is differenced. */
    private static final double NEVER_DIFFERENCE = 2.0;

    private ForecasterTrainer() {}

    public record Trained(ModelBundle bundle, TrainingReport report) {}

    static Trained train(
            double[][] raw,
            List<String> sensors,
            TrainingJobRequest.ValidJob job,
            AlarmPolicy policy,
            EpochListener listener) {
        ForecasterSpec spec = new ForecasterSpec(
                "training-job",
                sensors.size(),
                job.window(),
                job.layers(),
                job.units(),
                job.learningRate(),
                job.batchSize(),
                ForecasterSpec.DEFAULT_SEED);
        return train(raw, sensors, spec, job.epochs(), job.patience(), job.validationSplit(), policy, listener);
    }

    /**
     * Trains {@code spec} (its window is the sequence length and the warm-up of a scored run) on
     * {@code raw} (rows in time order, columns {@code sensors}), holding back the last
     * {@code validationSplit} of the rows; at most {@code epochs}, stopping after {@code patience}
     * epochs without a better validation loss.
     */
    public static Trained train(
            double[][] raw,
            List<String> sensors,
            ForecasterSpec spec,
            int epochs,
            int patience,
            double validationSplit,
            AlarmPolicy policy,
            EpochListener listener) {
        if (spec.sensors() != sensors.size()) {
            throw new IllegalArgumentException(
                    "the spec has " + spec.sensors() + " sensors, the data " + sensors.size());
        }
        int n = raw.length;
        int fitRows = (int) Math.round(n * (1 - validationSplit));
        int w = spec.window();
        if (fitRows < w + 1 || n - fitRows < w + 1) {
            throw new IllegalArgumentException("need at least " + (w + 1) + " rows for training and for validation"
                    + " (window " + w + ", validation split " + validationSplit + "), got " + n + " rows");
        }
        SensorNormalizer normalizer = SensorNormalizer.fit(raw, 0, fitRows, NEVER_DIFFERENCE);
        double[][] rows = normalizer.apply(raw);
        MultiLayerNetwork network = LstmForecasterFactory.streaming(spec);
        int chunks = chunks(fitRows, w, spec.batchSize());
        DataSet train = chunked(rows, fitRows, chunks);
        DataSet validation = series(rows, fitRows, n, w);
        TrainingReport report = new NetworkTrainer(epochs, chunks, patience, spec.seed())
                .fit(network, train.getFeatures(), train.getLabels(), validation, listener);

        // calibrated as it is served: a machine's state starts from zero (first sample, gap, take-over)
        // and is then carried for as long as it runs, so the held-back rows are stepped from zero
        // state from several starting rows to their end. A fresh state forecasts worse for a while:
        // scores count only after the warm-up measured on these runs, and so do calibration scores
        List<double[][]> runs = heldBackErrors(network, rows, fitRows, n);
        int warmUp = warmUp(runs, w);
        double[] scales = new double[sensors.size()];
        long predictions = 0;
        for (double[][] run : runs) {
            for (int t = warmUp - 1; t < run.length; t++) {
                predictions++;
                for (int s = 0; s < scales.length; s++) {
                    scales[s] += run[t][s];
                }
            }
        }
        for (int s = 0; s < scales.length; s++) {
            scales[s] = Math.max(scales[s] / predictions, 1e-12);
        }
        double[] smoothed = new double[(int) predictions];
        int i = 0;
        for (double[][] run : runs) {
            for (int t = warmUp - 1; t < run.length; t++, i++) {
                double v = 0;
                for (int s = 0; s < scales.length; s++) {
                    v += run[t][s] / scales[s] / scales.length;
                }
                smoothed[i] = t == warmUp - 1 ? v : policy.smoothing() * smoothed[i - 1] + (1 - policy.smoothing()) * v;
            }
        }
        Threshold threshold = Threshold.calibrate(smoothed, 99.0, 3.0);
        ModelBundle bundle = new ModelBundle(
                ModelKind.LSTM_STREAMING_FORECASTER,
                sensors,
                w,
                normalizer,
                scales,
                threshold,
                policy,
                network,
                warmUp);
        return new Trained(bundle, report);
    }

    /**
     * Per-sensor squared prediction errors ({@code run[t][sensor]}: the prediction made after
     * t + 1 samples of the run) of the rows [from, to) stepped from zero state, once from each of
     * up to 32 starting rows spread over them, each run to the end ({@code output()} over
     * [1, sensors, T] is the same arithmetic as T rnnTimeStep calls). The first run is the longest;
     * later ones start later, so early steps of a fresh state are sampled as often as runs exist.
     */
    static List<double[][]> heldBackErrors(MultiLayerNetwork network, double[][] rows, int from, int to) {
        int length = to - from - 1;
        int starts = Math.max(1, Math.min(32, length / 8));
        int spacing = length / (2 * starts);
        List<double[][]> runs = new ArrayList<>(starts);
        for (int k = 0; k < starts; k++) {
            DataSet series = series(rows, from + k * spacing, to, 1);
            network.rnnClearPreviousState();
            double[][] p = network.output(series.getFeatures()).slice(0).toDoubleMatrix();
            double[][] l = series.getLabels().slice(0).toDoubleMatrix();
            double[][] run = new double[p[0].length][p.length];
            for (int t = 0; t < run.length; t++) {
                for (int s = 0; s < p.length; s++) {
                    double d = p[s][t] - l[s][t];
                    run[t][s] = d * d;
                }
            }
            runs.add(run);
        }
        network.rnnClearPreviousState();
        return runs;
    }

    /**
     * The warm-up: how many samples a state started from zero takes before its forecasts are as
     * good as a settled state's. The runs' mean error (all sensors) per block of {@code w} steps
     * from the start, over the blocks at least half the runs reach; settled = the mean of the later
     * half of those blocks; the warm-up is the start of the first block from which on no block's
     * mean exceeds 1.5 x settled, at most the start of that later half, and at least {@code w} (a
     * scored sample needs a prediction made after {@code w} samples). With too few blocks to tell,
     * {@code w}.
     */
    static int warmUp(List<double[][]> runs, int w) {
        int[] lengths = runs.stream().mapToInt(r -> r.length).sorted().toArray();
        int reached = lengths[lengths.length / 2];
        int blocks = reached / w;
        if (blocks < 4) {
            return w;
        }
        double[] mean = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            long count = 0;
            for (double[][] run : runs) {
                for (int t = b * w; t < Math.min(run.length, (b + 1) * w); t++) {
                    for (double e : run[t]) {
                        sum += e;
                    }
                    count++;
                }
            }
            mean[b] = sum / count;
        }
        double settled = 0;
        for (int b = blocks / 2; b < blocks; b++) {
            settled += mean[b] / (blocks - blocks / 2);
        }
        int first = blocks;
        while (first > 0 && mean[first - 1] <= 1.5 * settled) {
            first--;
        }
        // a noisy late block (held-back data is never perfectly quiet) must not push the warm-up
        // past the blocks that define "settled"
        first = Math.min(first, blocks / 2);
        // block `first` starts with the prediction made after first * w + 1 samples
        return Math.max(w, first * w + 1);
    }

    /**
     * How many contiguous pieces the training rows are cut into (the rows of one mini-batch, which
     * truncated back-propagation walks through together W steps at a time, carrying each piece's
     * state across its segments as serving carries a machine's state): as many as
     * {@code batchSize}, but each piece at least 8 windows long when the rows allow it.
     */
    static int chunks(int fitRows, int w, int batchSize) {
        return Math.max(1, Math.min(batchSize, (fitRows - 1) / (8 * w)));
    }

    /**
     * Rows [0, fitRows) as {@code chunks} contiguous sequences of equal length (the remainder at
     * the end is left out): features t, labels t + 1.
     */
    static DataSet chunked(double[][] rows, int fitRows, int chunks) {
        int length = (fitRows - 1) / chunks;
        int sensors = rows[0].length;
        double[] f = new double[chunks * sensors * length];
        double[] l = new double[chunks * sensors * length];
        for (int k = 0; k < chunks; k++) {
            int start = k * length;
            for (int s = 0; s < sensors; s++) {
                for (int t = 0; t < length; t++) {
                    int at = (k * sensors + s) * length + t;
                    f[at] = rows[start + t][s];
                    l[at] = rows[start + t + 1][s];
                }
            }
        }
        long[] shape = {chunks, sensors, length};
        return new DataSet(
                Nd4j.create(f, shape, 'c').castTo(Nd4j.defaultFloatingPointType()),
                Nd4j.create(l, shape, 'c').castTo(Nd4j.defaultFloatingPointType()));
    }

    /**
     * Rows [from, to) as one sequence from a zero state, features t and labels t + 1, with the
     * first {@code w - 1} predictions masked out of the loss (the warm-up serving ignores too: its
     * first scored sample is compared with the prediction made after {@code w} samples).
     */
    static DataSet series(double[][] rows, int from, int to, int w) {
        int length = to - from - 1;
        int sensors = rows[0].length;
        double[] f = new double[sensors * length];
        double[] l = new double[sensors * length];
        float[] mask = new float[length];
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < sensors; s++) {
                f[s * length + t] = rows[from + t][s];
                l[s * length + t] = rows[from + t + 1][s];
            }
            mask[t] = t < w - 1 ? 0f : 1f;
        }
        long[] shape = {1, sensors, length};
        return new DataSet(
                Nd4j.create(f, shape, 'c').castTo(Nd4j.defaultFloatingPointType()),
                Nd4j.create(l, shape, 'c').castTo(Nd4j.defaultFloatingPointType()),
                null,
                Nd4j.create(mask, new long[] {1, length}, 'c').castTo(Nd4j.defaultFloatingPointType()));
    }
}
