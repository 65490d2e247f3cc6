package io.linewatch.monitor.evaluation;

import io.linewatch.monitor.model.AlarmPolicy;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NAB protocol, online: for each {@code timestamp,value} file the detector is trained only on
 * the probation period (the first 15%, at most 750 rows), so every later score uses only data
 * before it. The raw reconstruction error is turned into a score in [0, 1] with an anomaly
 * likelihood computed from past scores only: the tail probability of the short-term mean of the
 * log error against the mean and spread of all earlier log errors, reported once per event (see
 * {@link #reportOncePerEvent}). Results are written as
 * {@code timestamp,value,anomaly_score} and scored with NAB's standard profile when
 * {@code windows.json} is present at the data root.
 */
public final class NabEvaluation {

    static final int SHORT_TERM = 5;
    /** Rows after a reported score during which only a higher score is reported again. */
    static final int REFRACTORY = 100;

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final DetectorSettings settings;
    private final PrintStream log;

    public NabEvaluation(DetectorSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * The NAB settings, chosen once for every file: windows of 24 samples and no debouncing (NAB
     * scores points and sweeps its own threshold); preprocessing as for SKAB.
     */
    public static DetectorSettings defaults() {
        return DetectorSettings.defaults().withWindow(24).withPolicy(new AlarmPolicy(1, 1.0, 1, 0.0));
    }

    public Result run(Path dataDir, Path outDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .csv files under " + dataDir);
        }
        Map<String, List<LocalDateTime[]>> labels = readWindows(dataDir.resolve("windows.json"));
        List<NabScoring.ScoredFile> scored = new ArrayList<>();
        for (Path file : files) {
            String relative = dataDir.relativize(file).toString().replace('\\', '/');
            NabScoring.ScoredFile result = evaluate(file, outDir.resolve(relative));
            List<LocalDateTime[]> windows = windowsFor(labels, relative);
            if (windows != null) {
                scored.add(
                        new NabScoring.ScoredFile(result.timestamps(), result.scores(), windows, result.probation()));
                NabScoring.Result alone = NabScoring.score(List.of(scored.get(scored.size() - 1)), NabScoring.STANDARD);
                log.printf(
                        Locale.ROOT,
                        "%s: %d rows, probation %d, standard score alone %.2f%n",
                        relative,
                        result.timestamps().length,
                        result.probation(),
                        alone.normalizedScore());
            } else {
                log.printf(Locale.ROOT, "%s: scored (no windows in windows.json)%n", relative);
            }
        }
        NabScoring.Result corpus = scored.isEmpty()
                ? new NabScoring.Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : NabScoring.score(scored, NabScoring.STANDARD);
        return new Result(
                scored.size(),
                corpus.normalizedScore(),
                corpus.rawScore(),
                corpus.nullScore(),
                corpus.perfectScore(),
                corpus.threshold());
    }

    NabScoring.ScoredFile evaluate(Path file, Path out) throws IOException {
        CsvTable table = CsvTable.read(file, ',');
        int time = table.column("timestamp");
        int value = table.column("value");
        int n = table.rows().size();
        LocalDateTime[] timestamps = new LocalDateTime[n];
        double[][] raw = new double[n][1];
        for (int r = 0; r < n; r++) {
            String[] row = table.rows().get(r);
            try {
                timestamps[r] = LocalDateTime.parse(row[time], TIME);
                raw[r][0] = Double.parseDouble(row[value]);
            } catch (RuntimeException e) {
                throw new IOException(file + " row " + (r + 2) + ": bad timestamp or value (" + e.getMessage() + ")");
            }
        }
        int probation = NabScoring.probation(n);
        if (probation <= settings.window() + 2) {
            throw new IOException(file + ": " + n + " rows leave too short a probation period to learn from");
        }
        var trained = new DetectorTrainer(settings).train(Arrays.copyOf(raw, probation), List.of("value"));
        ModelBundle bundle = trained.bundle();
        Score[] errors = bundle.scorer(256).scoreRows(bundle.normalizer().apply(raw), 0, n);
        int historyStart = (int) Math.round(probation * (1 - settings.calibrationFraction()));
        double[] scores = reportOncePerEvent(likelihoods(errors, historyStart, probation), REFRACTORY);
        write(out, table, time, value, scores);
        return new NabScoring.ScoredFile(timestamps, scores, List.of(), probation);
    }

    /**
     * Online anomaly likelihood: for row i >= probation, Phi((short-term mean of log error - mean of
     * earlier log errors) / their standard deviation), using rows from {@code historyStart}
     * (the first row the network was not trained on) up to i - 1 as history.
     */
    static double[] likelihoods(Score[] errors, int historyStart, int probation) {
        double[] logs = new double[errors.length];
        for (int i = 0; i < errors.length; i++) {
            logs[i] = errors[i] == null ? Double.NaN : Math.log(errors[i].value() + 1e-9);
        }
        double[] out = new double[errors.length];
        long count = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = historyStart; i < errors.length; i++) {
            if (Double.isNaN(logs[i])) {
                continue;
            }
            if (i >= probation && count > 1) {
                double shortSum = 0;
                int shortCount = 0;
                for (int j = Math.max(historyStart, i - SHORT_TERM + 1); j <= i; j++) {
                    if (!Double.isNaN(logs[j])) {
                        shortSum += logs[j];
                        shortCount++;
                    }
                }
                double sd = Math.sqrt(m2 / (count - 1));
                double z = sd > 0 ? (shortSum / shortCount - mean) / sd : 0;
                out[i] = normalCdf(z);
            }
            count++;
            double d = logs[i] - mean;
            mean += d / count;
            m2 += d * (logs[i] - mean);
        }
        return out;
    }

    /**
     * NAB counts every row above its threshold outside a window as a false positive, so one event
     * reported on 30 consecutive rows costs 30 times. After a row is reported, the next
     * {@code refractory} rows are reported (kept) only when they exceed the reported score; the
     * others are set to 0. Uses only earlier rows, so the detector stays online.
     */
    static double[] reportOncePerEvent(double[] scores, int refractory) {
        double[] out = scores.clone();
        int last = Integer.MIN_VALUE / 2;
        double reported = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i - last < refractory && scores[i] <= reported) {
                out[i] = 0;
            } else {
                last = i;
                reported = scores[i];
            }
        }
        return out;
    }

    static double normalCdf(double z) {
        // Abramowitz-Stegun 7.1.26 on erf; accurate to about 1e-7, enough for ranking scores
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double y = 1
                - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
    }

    private static void write(Path out, CsvTable table, int time, int value, double[] scores) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score\n");
            for (int r = 0; r < scores.length; r++) {
                String[] row = table.rows().get(r);
                w.write(row[time] + "," + row[value] + "," + scores[r] + "\n");
            }
        }
    }

    static Map<String, List<LocalDateTime[]>> readWindows(Path file) throws IOException {
        Map<String, List<LocalDateTime[]>> windows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return windows;
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
        for (var entry : root.properties()) {
            List<LocalDateTime[]> list = new ArrayList<>();
            for (JsonNode pair : entry.getValue()) {
                if (pair.size() != 2) {
                    throw new IOException(file + ": window of " + entry.getKey() + " is not [start, end]");
                }
                list.add(new LocalDateTime[] {
                    LocalDateTime.parse(pair.get(0).asString(), TIME),
                    LocalDateTime.parse(pair.get(1).asString(), TIME)
                });
            }
            windows.put(entry.getKey(), list);
        }
        return windows;
    }

    /** NAB keys are relative to its data root ("realKnownCause/x.csv"); a file may sit at any depth below ours. */
    static List<LocalDateTime[]> windowsFor(Map<String, List<LocalDateTime[]>> labels, String relative) {
        for (var entry : labels.entrySet()) {
            if (entry.getKey().equals(relative)
                    || entry.getKey().endsWith("/" + relative)
                    || relative.endsWith("/" + entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The corpus outcome. */
    public record Result(
            int files,
            double normalizedScore,
            double rawScore,
            double nullScore,
            double perfectScore,
            double threshold) {}
}
