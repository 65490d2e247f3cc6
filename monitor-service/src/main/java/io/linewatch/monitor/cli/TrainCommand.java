package io.linewatch.monitor.cli;

import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
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
 * {@code train --csv FILE --out MODEL.zip}: trains an autoencoder detector on a CSV of normal
 * operation (every column not skipped is a sensor, rows in time order) and writes the model bundle.
 */
final class TrainCommand {

    private TrainCommand() {}

    static int run(String[] args, PrintStream out, Set<String> detectorOptions) throws IOException {
        Options options =
                new Options(args, 1, MonitorCli.with(detectorOptions, "csv", "out", "separator", "skip-columns"));
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
        var trained = new DetectorTrainer(settings).train(rows.toArray(double[][]::new), sensors);
        trained.bundle().save(target);
        out.printf(
                Locale.ROOT,
                "trained on %d rows x %d sensors %s: %d epochs, %.1f ms/epoch, threshold %.5f "
                        + "(p%.1f x %.2f); wrote %s%n",
                rows.size(),
                sensors.size(),
                sensors,
                trained.report().epochs(),
                trained.report().millisPerEpoch(),
                trained.bundle().threshold().value(),
                settings.percentile(),
                settings.factor(),
                target);
        return 0;
    }
}
