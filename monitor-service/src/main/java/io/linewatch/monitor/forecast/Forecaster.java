package io.linewatch.monitor.forecast;

import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.SensorNormalizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rolls a streaming forecaster forward: the recent raw samples are normalised as in training and
 * fed through {@code rnnTimeStep} (building the recurrent state), the prediction after the last
 * sample is the first forecast step, and each further step feeds the previous prediction back
 * in. Predictions are turned back into sensor units (for a differenced sensor, added to the
 * previous level). Works on its own clone of the network, so concurrent requests do not share state.
 */
final class Forecaster {

    private Forecaster() {}

    /** @return horizon rows of raw sensor values, in the bundle's sensor order */
    static double[][] forecast(ModelBundle bundle, double[][] history, int horizon) {
        SensorNormalizer normalizer = bundle.normalizer();
        int sensors = bundle.sensors().size();
        double[][] normalised = normalizer.apply(history);
        MultiLayerNetwork network = bundle.network().clone();
        network.rnnClearPreviousState();
        INDArray input = Nd4j.create(transpose(normalised), new long[] {1, sensors, history.length}, 'c')
                .castTo(network.params().dataType());
        INDArray out = network.rnnTimeStep(input);
        double[] next = out.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(history.length - 1))
                .toDoubleVector();
        double[] level = history[history.length - 1].clone();
        double[][] result = new double[horizon][];
        for (int k = 0; k < horizon; k++) {
            result[k] = denormalise(normalizer, next, level);
            level = result[k];
            if (k + 1 < horizon) {
                INDArray step = Nd4j.create(new double[][] {next})
                        .castTo(network.params().dataType());
                next = network.rnnTimeStep(step).reshape(sensors).toDoubleVector();
            }
        }
        return result;
    }

    private static double[] denormalise(SensorNormalizer normalizer, double[] value, double[] previousLevel) {
        double[] means = normalizer.means();
        double[] scales = normalizer.scales();
        boolean[] differenced = normalizer.differenced();
        double[] raw = new double[value.length];
        for (int s = 0; s < raw.length; s++) {
            double v = value[s] * scales[s] + means[s];
            raw[s] = differenced[s] ? previousLevel[s] + v : v;
        }
        return raw;
    }

    private static double[] transpose(double[][] rows) {
        int t = rows.length;
        int s = rows[0].length;
        double[] flat = new double[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                flat[j * t + i] = rows[i][j];
            }
        }
        return flat;
    }
}
