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
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the streaming LSTM forecaster (predicts the next sample at every step). The series is
 * cut into sequences of {@code window} steps (truncated back-propagation length) whose labels are
 * the same steps shifted by one; the last {@code validationSplit} of the rows is validation data
 * for early stopping, per-sensor error scales and the threshold. Sensors are only standardised,
 * never differenced, so a forecast can be turned back into levels without a running sum.
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
        DataSet train = sequences(rows, 0, fitRows, w);
        DataSet validation = sequences(rows, fitRows, n, w);
        TrainingReport report = new NetworkTrainer(epochs, spec.batchSize(), patience, spec.seed())
                .fit(network, train.getFeatures(), train.getLabels(), validation, listener);

        INDArray predicted = network.output(validation.getFeatures());
        INDArray sq = predicted.sub(validation.getLabels()).muli(predicted.sub(validation.getLabels()));
        // [batch, sensors, time] -> per sensor mean and per (batch, time) step scores
        double[] scales = new double[sensors.size()];
        long batches = sq.size(0);
        double[][][] e = new double[(int) batches][][];
        for (int b = 0; b < batches; b++) {
            e[b] = sq.slice(b).toDoubleMatrix();
            for (int s = 0; s < scales.length; s++) {
                for (int t = 0; t < w; t++) {
                    scales[s] += e[b][s][t] / (batches * w);
                }
            }
        }
        for (int s = 0; s < scales.length; s++) {
            scales[s] = Math.max(scales[s], 1e-12);
        }
        double[] smoothed = new double[(int) batches * w];
        int i = 0;
        for (int b = 0; b < batches; b++) {
            for (int t = 0; t < w; t++, i++) {
                double v = 0;
                for (int s = 0; s < scales.length; s++) {
                    v += e[b][s][t] / scales[s] / scales.length;
                }
                smoothed[i] = i == 0 ? v : policy.smoothing() * smoothed[i - 1] + (1 - policy.smoothing()) * v;
            }
        }
        Threshold threshold = Threshold.calibrate(smoothed, 99.0, 3.0);
        ModelBundle bundle = new ModelBundle(
                ModelKind.LSTM_STREAMING_FORECASTER, sensors, w, normalizer, scales, threshold, policy, network);
        return new Trained(bundle, report);
    }

    /** Non-overlapping sequences of {@code w} steps from rows [from, to): features t, labels t+1. */
    static DataSet sequences(double[][] rows, int from, int to, int w) {
        int count = (to - from - 1) / w;
        int sensors = rows[0].length;
        double[] f = new double[count * sensors * w];
        double[] l = new double[count * sensors * w];
        for (int k = 0; k < count; k++) {
            int start = from + k * w;
            for (int s = 0; s < sensors; s++) {
                for (int t = 0; t < w; t++) {
                    int at = (k * sensors + s) * w + t;
                    f[at] = rows[start + t][s];
                    l[at] = rows[start + t + 1][s];
                }
            }
        }
        long[] shape = {count, sensors, w};
        return new DataSet(
                Nd4j.create(f, shape, 'c').castTo(Nd4j.defaultFloatingPointType()),
                Nd4j.create(l, shape, 'c').castTo(Nd4j.defaultFloatingPointType()));
    }
}
