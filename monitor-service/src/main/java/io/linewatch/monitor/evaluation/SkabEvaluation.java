package io.linewatch.monitor.evaluation;

import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The SKAB protocol: for every CSV under the data directory, train a detector on the file's first
 * 400 rows, score every later row online through the health state machine (a row is anomalous
 * when the machine is in ALARM), write {@code datetime,anomaly,score} for every input row at the
 * same relative path under the output directory, and sum the confusion counts of the scored rows
 * over all labelled files. Training rows are written with anomaly 0.
 */
public final class SkabEvaluation {

    public static final int TRAIN_ROWS = 400;
    private static final List<String> NON_SENSOR = List.of("datetime", "anomaly", "changepoint");

    private final DetectorSettings settings;
    private final PrintStream log;

    public SkabEvaluation(DetectorSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run(Path dataDir, Path outDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .csv files under " + dataDir);
        }
        ConfusionCounts total = ConfusionCounts.EMPTY;
        double epochMillis = 0;
        for (Path file : files) {
            Path relative = dataDir.relativize(file);
            FileResult result = evaluate(file, outDir.resolve(relative));
            epochMillis += result.millisPerEpoch();
            if (result.counts() != null) {
                total = total.plus(result.counts());
                log.printf(
                        Locale.ROOT,
                        "%s: F1 %.3f FAR %.2f%% MAR %.2f%% (threshold %.4f)%n",
                        relative,
                        result.counts().f1(),
                        100 * result.counts().falseAlarmRate(),
                        100 * result.counts().missedAlarmRate(),
                        result.threshold());
            } else {
                log.printf(Locale.ROOT, "%s: scored (no labels)%n", relative);
            }
        }
        return new Result(files.size(), total, epochMillis / files.size());
    }

    FileResult evaluate(Path file, Path out) throws IOException {
        CsvTable table = CsvTable.read(file, ';');
        List<Integer> sensorColumns = new ArrayList<>();
        List<String> sensors = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            if (!NON_SENSOR.contains(table.header().get(c))) {
                sensorColumns.add(c);
                sensors.add(table.header().get(c));
            }
        }
        int n = table.rows().size();
        if (n <= TRAIN_ROWS) {
            throw new IOException(file + ": " + n + " rows, the protocol needs more than " + TRAIN_ROWS);
        }
        double[][] raw = new double[n][sensors.size()];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < sensors.size(); s++) {
                String cell = table.rows().get(r)[sensorColumns.get(s)];
                try {
                    raw[r][s] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IOException(
                            file + " row " + (r + 2) + " column " + sensors.get(s) + ": not a number '" + cell + "'");
                }
            }
        }
        double[][] training = java.util.Arrays.copyOf(raw, TRAIN_ROWS);
        var trained = new DetectorTrainer(settings).train(training, sensors);
        ModelBundle bundle = trained.bundle();
        double[][] rows = bundle.normalizer().apply(raw);
        Score[] scores = bundle.scorer(256).scoreRows(rows, 0, n);
        HealthStateMachine health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
        boolean[] flagged = new boolean[n];
        for (int r = TRAIN_ROWS; r < n; r++) {
            flagged[r] = health.update(scores[r].value()).to() == HealthState.ALARM;
        }
        write(out, table, flagged, scores);
        ConfusionCounts counts = null;
        if (table.header().contains("anomaly")) {
            int label = table.column("anomaly");
            boolean[] actual = new boolean[n - TRAIN_ROWS];
            boolean[] predicted = new boolean[n - TRAIN_ROWS];
            for (int r = TRAIN_ROWS; r < n; r++) {
                actual[r - TRAIN_ROWS] = Double.parseDouble(table.rows().get(r)[label]) >= 0.5;
                predicted[r - TRAIN_ROWS] = flagged[r];
            }
            counts = ConfusionCounts.of(predicted, actual);
        }
        return new FileResult(
                counts, bundle.threshold().value(), trained.report().millisPerEpoch());
    }

    private static void write(Path out, CsvTable table, boolean[] flagged, Score[] scores) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        int time = table.column("datetime");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("datetime,anomaly,score\n");
            for (int r = 0; r < flagged.length; r++) {
                double score = scores[r] == null ? 0.0 : scores[r].value();
                w.write(table.rows().get(r)[time] + "," + (flagged[r] ? 1 : 0) + "," + score + "\n");
            }
        }
    }

    /** Confusion counts of one file (null when it has no labels), its threshold and training speed. */
    record FileResult(ConfusionCounts counts, double threshold, double millisPerEpoch) {}

    /** The micro-averaged outcome over all files. */
    public record Result(int files, ConfusionCounts counts, double meanMillisPerEpoch) {}
}
