package io.linewatch.monitor.cli;

import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.EpochListener;
import io.linewatch.monitor.training.TrainingReport;
import io.linewatch.monitor.trainingjob.ForecasterTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code train --csv FILE --out MODEL.zip [--kind autoencoder|streaming-forecaster]}: trains a
 * detector on a CSV of normal operation (every column not skipped is a sensor, rows in time order)
 * and writes the model bundle. The autoencoder is the default; the streaming forecaster is trained
 * by the training jobs' own {@link ForecasterTrainer} (with their defaults, or the classic preset
 * with {@code --preset classic-stacked-lstm}).
 */
final class TrainCommand {

    static final String AUTOENCODER = "autoencoder";
    static final String STREAMING_FORECASTER = "streaming-forecaster";

    private TrainCommand() {}

    static int run(String[] args, PrintStream out, Set<String> detectorOptions) throws IOException {
        Options options = new Options(
                args,
                1,
                MonitorCli.with(
                        detectorOptions, "csv", "out", "separator", "skip-columns", "kind", "layers", "preset"));
        String kind = options.text("kind", AUTOENCODER);
        if (!kind.equals(AUTOENCODER) && !kind.equals(STREAMING_FORECASTER)) {
            throw new Options.UsageException(
                    "--kind must be " + AUTOENCODER + " or " + STREAMING_FORECASTER + ", got '" + kind + "'");
        }
        if (kind.equals(AUTOENCODER)
                && (options.text("layers", null) != null || options.text("preset", null) != null)) {
            throw new Options.UsageException("--layers and --preset are options of --kind " + STREAMING_FORECASTER);
        }
        Path csv = options.path("csv");
        Path target = options.path("out");
        String separator = options.text("separator", ";");
        List<String> skip = List.of(options.text("skip-columns", "datetime,anomaly,changepoint,timestamp")
                .split(","));
        DetectorSettings settings = MonitorCli.settings(options, DetectorSettings.defaults());

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            throw new IOException(csv + ": no data rows");
        }
        String[] header = lines.get(0).trim().split(Pattern.quote(separator), -1);
        List<Integer> columns = new ArrayList<>();
        List<String> sensors = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (!skip.contains(header[c])) {
                columns.add(c);
                sensors.add(header[c]);
            }
        }
        if (sensors.isEmpty()) {
            throw new IOException(csv + ": no sensor columns left after skipping " + skip);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).trim().split(Pattern.quote(separator), -1);
            if (cells.length != header.length) {
                throw new IOException(
                        csv + " line " + (i + 1) + ": " + cells.length + " cells, header has " + header.length);
            }
            double[] row = new double[columns.size()];
            for (int s = 0; s < row.length; s++) {
                try {
                    row[s] = Double.parseDouble(cells[columns.get(s)]);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + " line " + (i + 1) + " column " + sensors.get(s) + ": not a number");
                }
            }
            rows.add(row);
        }
        double[][] data = rows.toArray(double[][]::new);
        ModelBundle bundle;
        TrainingReport report;
        String model;
        if (kind.equals(AUTOENCODER)) {
            var trained = new DetectorTrainer(settings).train(data, sensors);
            bundle = trained.bundle();
            report = trained.report();
            model = "autoencoder W=" + settings.window() + " units=" + settings.units();
        } else {
            ForecasterSpec spec = forecasterSpec(options, settings, sensors.size());
            var trained = ForecasterTrainer.train(
                    data,
                    sensors,
                    spec,
                    settings.epochs(),
                    settings.patience(),
                    settings.calibrationFraction(),
                    settings.policy(),
                    EpochListener.NONE);
            bundle = trained.bundle();
            report = trained.report();
            model = "streaming forecaster " + spec.preset() + " " + spec.layers() + " x LSTM(" + spec.units() + ") W="
                    + spec.window() + " lr " + spec.learningRate() + " batch " + spec.batchSize();
        }
        bundle.save(target);
        out.printf(
                Locale.ROOT,
                "trained on %d rows x %d sensors %s, %s: %d epochs, %.1f ms/epoch, threshold %.5f "
                        + "(p%.1f x %.2f), scores count after %d samples of a run; wrote %s%n",
                rows.size(),
                sensors.size(),
                sensors,
                model,
                report.epochs(),
                report.millisPerEpoch(),
                bundle.threshold().value(),
                bundle.threshold().percentile(),
                bundle.threshold().factor(),
                bundle.warmUp(),
                target);
        return 0;
    }

    /**
     * The training jobs' forecaster defaults (window, units, learning rate, batch of the detector
     * settings, one layer) with {@code --window --units --layers}, or the classic preset.
     */
    private static ForecasterSpec forecasterSpec(Options options, DetectorSettings settings, int sensors) {
        String preset = options.text("preset", null);
        if (preset == null) {
            return new ForecasterSpec(
                    "cli",
                    sensors,
                    settings.window(),
                    options.integer("layers", 1),
                    settings.units(),
                    settings.learningRate(),
                    settings.batchSize(),
                    settings.seed());
        }
        if (!preset.equals(ForecasterSpec.CLASSIC_STACKED)) {
            throw new Options.UsageException(
                    "--preset must be " + ForecasterSpec.CLASSIC_STACKED + ", got '" + preset + "'");
        }
        if (options.text("layers", null) != null || options.text("units", null) != null) {
            throw new Options.UsageException("the classic preset fixes --layers and --units (3 x LSTM(50))");
        }
        return ForecasterSpec.classicStacked(sensors, settings.window());
    }
}
