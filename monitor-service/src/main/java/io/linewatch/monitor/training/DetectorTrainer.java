package io.linewatch.monitor.training;

import io.linewatch.monitor.model.AutoencoderSpec;
import io.linewatch.monitor.model.LstmAutoencoderFactory;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.SensorNormalizer;
import io.linewatch.monitor.model.Threshold;
import io.linewatch.monitor.scoring.AutoencoderScorer;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.Windows;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an LSTM-autoencoder detector on rows of normal operation. The rows are split in time:
 * the first part fits the normalizer and the network, the last {@code calibrationFraction} is
 * held back and only scored, to calibrate the threshold on data the network has not seen (a
 * threshold from training residuals is too low for unseen normal data).
 */
public final class DetectorTrainer {

    private final DetectorSettings settings;

    public DetectorTrainer(DetectorSettings settings) {
        this.settings = settings;
    }

    public TrainedDetector train(double[][] rawRows, List<String> sensors) {
        return train(rawRows, sensors, EpochListener.NONE, false);
    }

    /**
     * As {@link #train(double[][], List)} with progress and cancellation; with {@code earlyStopping}
     * the held-back calibration windows also serve as validation data for early stopping (training
     * jobs; the evaluation commands keep the fixed-epoch behaviour).
     */
    public TrainedDetector train(
            double[][] rawRows, List<String> sensors, EpochListener listener, boolean earlyStopping) {
        int n = rawRows.length;
        int fitRows = (int) Math.round(n * (1 - settings.calibrationFraction()));
        if (fitRows < settings.window() + 1 || n - fitRows < 1) {
            throw new IllegalArgumentException("need more than " + (settings.window() + 1)
                    + " training rows and at least one calibration row, got " + n);
        }
        SensorNormalizer normalizer = SensorNormalizer.fit(rawRows, 0, fitRows, settings.trendAutocorrelation());
        double[][] rows = normalizer.apply(rawRows);
        MultiLayerNetwork network = LstmAutoencoderFactory.create(new AutoencoderSpec(
                sensors.size(), settings.window(), settings.units(), settings.learningRate(), settings.seed()));
        INDArray windows = Windows.ending(rows, Windows.endsBetween(0, fitRows, settings.window()), settings.window());
        org.nd4j.linalg.dataset.DataSet validation = null;
        if (earlyStopping && n - fitRows >= settings.window()) {
            INDArray held = Windows.ending(rows, Windows.endsBetween(fitRows, n, settings.window()), settings.window());
            validation = new org.nd4j.linalg.dataset.DataSet(held, held);
        }
        TrainingReport report = new NetworkTrainer(
                        settings.epochs(), settings.batchSize(), settings.patience(), settings.seed())
                .fit(network, windows, windows, validation, listener);
        double[][] heldBack =
                new AutoencoderScorer(network, settings.window(), 256, null).sensorErrorRows(rows, fitRows, n);
        double[] errorScales = meanPerSensor(heldBack);
        Score[] calibration =
                new AutoencoderScorer(network, settings.window(), 256, errorScales).scoreRows(rows, fitRows, n);
        // calibrate on what the state machine compares: the smoothed score
        double[] values = new double[calibration.length];
        double alpha = settings.policy().smoothing();
        for (int i = 0; i < values.length; i++) {
            double v = calibration[i].value();
            values[i] = i == 0 ? v : alpha * values[i - 1] + (1 - alpha) * v;
        }
        Threshold threshold = Threshold.calibrate(values, settings.percentile(), settings.factor());
        ModelBundle bundle = new ModelBundle(
                ModelKind.LSTM_AUTOENCODER,
                sensors,
                settings.window(),
                normalizer,
                errorScales,
                threshold,
                settings.policy(),
                network,
                settings.window()); // an autoencoder scores whole windows: its warm-up is the window
        return new TrainedDetector(bundle, report);
    }

    private static double[] meanPerSensor(double[][] errors) {
        double[] mean = new double[errors[0].length];
        for (double[] row : errors) {
            for (int s = 0; s < row.length; s++) {
                mean[s] += row[s] / errors.length;
            }
        }
        for (int s = 0; s < mean.length; s++) {
            // a sensor the network reproduces exactly still needs a finite scale
            mean[s] = Math.max(mean[s], 1e-12);
        }
        return mean;
    }

    /** A trained bundle with the report of its training run. */
    public record TrainedDetector(ModelBundle bundle, TrainingReport report) {}
}
