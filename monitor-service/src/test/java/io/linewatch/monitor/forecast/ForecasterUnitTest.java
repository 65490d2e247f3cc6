package io.linewatch.monitor.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.LstmForecasterFactory;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.SensorNormalizer;
import io.linewatch.monitor.model.Threshold;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ForecasterUnitTest {

    static final List<String> SENSORS = List.of("pressure", "temperature");

    static ModelBundle bundle(boolean[] differenced) {
        MultiLayerNetwork network =
                LstmForecasterFactory.streaming(new ForecasterSpec("test", 2, 8, 2, 6, 0.01, 8, 42L));
        SensorNormalizer normalizer =
                new SensorNormalizer(new double[] {5.0, 0.1}, new double[] {2.0, 0.5}, differenced);
        return new ModelBundle(
                ModelKind.LSTM_STREAMING_FORECASTER,
                SENSORS,
                8,
                normalizer,
                new double[] {1, 1},
                new Threshold(99, 3, 1, 10),
                new AlarmPolicy(3, 0.9, 5, 0.8),
                network,
                8);
    }

    static double[][] history(int n) {
        double[][] rows = new double[n][];
        for (int t = 0; t < n; t++) {
            rows[t] = new double[] {5 + Math.sin(t / 3.0), 20 + 0.1 * t};
        }
        return rows;
    }

    /** Each step equals a full output() pass over the history plus the earlier forecast steps, fed back normalised. */
    @Test
    void rollingForwardFeedsItsOwnPredictionsBackAndDenormalises() {
        ModelBundle bundle = bundle(new boolean[] {false, true});
        double[][] history = history(30);
        double[][] forecast = Forecaster.forecast(bundle, history, 4);

        SensorNormalizer normalizer = bundle.normalizer();
        double[][] normalised = normalizer.apply(history);
        double[] level = history[history.length - 1];
        double[][] fed = normalised;
        for (int k = 0; k < 4; k++) {
            INDArray input = Nd4j.create(transpose(fed), new long[] {1, 2, fed.length}, 'c')
                    .castTo(bundle.network().params().dataType());
            double[] next = bundle.network()
                    .output(input)
                    .get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(fed.length - 1))
                    .toDoubleVector();
            double pressure = next[0] * 2.0 + 5.0;
            double temperature = level[1] + next[1] * 0.5 + 0.1; // differenced: previous level + change
            assertThat(forecast[k][0]).isCloseTo(pressure, within(1e-4));
            assertThat(forecast[k][1]).isCloseTo(temperature, within(1e-4));
            level = new double[] {pressure, temperature};
            double[][] extended = java.util.Arrays.copyOf(fed, fed.length + 1);
            extended[fed.length] = next;
            fed = extended;
        }
    }

    @Test
    void concurrentForecastsDoNotShareRecurrentState() {
        ModelBundle bundle = bundle(new boolean[] {false, false});
        double[][] first = Forecaster.forecast(bundle, history(20), 3);
        Forecaster.forecast(bundle, history(7), 5);
        assertThat(Forecaster.forecast(bundle, history(20), 3)).isDeepEqualTo(first);
    }

    private static double[] transpose(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                flat[j * rows.length + i] = rows[i][j];
            }
        }
        return flat;
    }
}
