package io.linewatch.bench.report;

import io.linewatch.bench.Args;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report --dir bench/target/results}: one Markdown section from the result files of a run:
 * the ceilings, every ingest run, the sustained figure (the fastest run whose lag stayed bounded
 * and drained) as a ratio of each ceiling, and CPU/heap per process during that run.
 */
public final class ReportCommand {

    private ReportCommand() {}

    public static void run(Args args) throws IOException {
        Path dir = Path.of(args.string("dir", "bench/target/results"));
        args.rejectUnknown();
        System.out.print(markdown(dir));
    }

    static String markdown(Path dir) throws IOException {
        ResultFile producer = optional(dir.resolve("producer.properties"));
        ResultFile copy = optional(dir.resolve("copy-copy.properties"));
        ResultFile upsert = optional(dir.resolve("copy-upsert.properties"));
        List<String> names = new ArrayList<>();
        List<ResultFile> runs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("ingest") && n.endsWith(".properties")) {
                    names.add(n.substring(0, n.length() - ".properties".length()));
                    runs.add(ResultFile.read(f));
                }
            }
        }
        StringBuilder md = new StringBuilder();
        int best = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (sustained(runs.get(i))
                    && (best < 0
                            || runs.get(i).number("ingest.stored.points.per.s")
                                    > runs.get(best).number("ingest.stored.points.per.s"))) {
                best = i;
            }
        }
        double e2e = best < 0 ? Double.NaN : runs.get(best).number("ingest.stored.points.per.s");

        md.append("| Path (same generated data) | points/s | ingest end to end as a share of it |\n");
        md.append("|---|---:|---:|\n");
        md.append(String.format(
                Locale.ROOT,
                "| HTTP -> validation -> Kafka (acks=all) -> PostgreSQL, sustained (%s) | %s | 1.00 |%n",
                best < 0 ? "no run kept the lag bounded" : names.get(best),
                best < 0 ? "-" : fmt(e2e)));
        ceiling(
                md,
                "KafkaProducer alone (" + (producer == null ? "" : producer.get("producer.settings")) + ")",
                producer,
                "producer.points.per.s",
                e2e);
        ceiling(
                md,
                "PostgreSQL binary COPY alone (storage fast path), " + connections(copy)
                        + " into a table of the storage shape",
                copy,
                "copy.points.per.s",
                e2e);
        ceiling(
                md,
                "PostgreSQL COPY to staging + ON CONFLICT upsert alone (storage safe path), " + connections(upsert),
                upsert,
                "copy.points.per.s",
                e2e);

        md.append("\n| Run | target points/s | accepted points/s | stored points/s | p50 ms | p99 ms | 429 | 503 |"
                + " lag max (samples) | lag trend (samples/s) | lag bounded | drain s | accepted = stored |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            ResultFile r = runs.get(i);
            double target = r.number("ingest.rate.target.points.per.s");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    names.get(i),
                    target > 0 ? fmt(target) : "closed loop",
                    fmt(r.number("ingest.accepted.points.per.s")),
                    fmt(r.number("ingest.stored.points.per.s")),
                    r.get("ingest.latency.p50.ms"),
                    r.get("ingest.latency.p99.ms"),
                    r.get("ingest.status.429"),
                    r.get("ingest.status.503"),
                    fmt(r.number("ingest.lag.max.samples")),
                    fmt(r.number("ingest.lag.slope.samples.per.s")),
                    r.get("ingest.lag.bounded"),
                    r.get("ingest.drain.seconds"),
                    r.get("ingest.accepted.samples.total").equals(r.get("ingest.stored.samples.total"))
                            ? "yes (" + fmt(r.number("ingest.stored.samples.total")) + " samples)"
                            : "NO: " + fmt(r.number("ingest.accepted.samples.total")) + " accepted, "
                                    + fmt(r.number("ingest.stored.samples.total")) + " stored"));
        }

        md.append(
                "\nStoring consumer lag (samples), sampled every second, shown every 5 s from the start of the warmup:\n\n");
        for (String name : names) {
            md.append("- ")
                    .append(name)
                    .append(": ")
                    .append(lagTimeline(dir.resolve(name + "-lag.csv")))
                    .append('\n');
        }
        for (int i = 0; i < runs.size(); i++) {
            ResultFile r = runs.get(i);
            md.append(String.format(
                    Locale.ROOT,
                    "%nCPU and memory per process during %s (machine busy: %s of %d cores):%n%n",
                    names.get(i),
                    r.get("ingest.machine.busy.cores"),
                    Runtime.getRuntime().availableProcessors()));
            md.append(
                    "| Process | avg cores | peak cores (1 s) | max heap used MB | max heap committed MB | max RSS MB |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            for (String process : processes(r)) {
                String k = "process." + process + ".";
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s |%n",
                        process,
                        r.get(k + "avg.cores"),
                        r.get(k + "peak.cores"),
                        dash(r.get(k + "max.heap.used.mb")),
                        dash(r.get(k + "max.heap.committed.mb")),
                        r.get(k + "max.rss.mb")));
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            ResultFile r = runs.get(i);
            List<String> threadKeys = r.values().keySet().stream()
                    .filter(k -> k.startsWith("threads."))
                    .toList();
            if (threadKeys.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "%nCPU by thread role during %s (cores):%n%n", names.get(i)));
            md.append("| Process | thread role (kernel name, 15 chars) | cores |\n|---|---|---:|\n");
            for (String k : threadKeys) {
                String rest = k.substring("threads.".length());
                int dot = rest.indexOf('.');
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s |%n",
                        rest.substring(0, dot),
                        rest.substring(dot + 1).replace('_', ' '),
                        r.get(k)));
            }
        }
        return md.toString();
    }

    /** Every fifth lag sample of a run's CSV ({@code seconds,accepted,stored,lag}). */
    static String lagTimeline(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return "(no lag samples)";
        }
        List<String> lines = Files.readAllLines(csv);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < lines.size(); i += 5) {
            String[] f = lines.get(i).split(",", -1);
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(f.length >= 4 && !f[3].isEmpty() && f[3].chars().allMatch(Character::isDigit) ? f[3] : "?");
        }
        return out.toString();
    }

    /** Sustained: the consumer kept up (lag bounded), caught up after the load, and nothing was lost. */
    static boolean sustained(ResultFile r) {
        return Boolean.parseBoolean(r.get("ingest.lag.bounded"))
                && Boolean.parseBoolean(r.get("ingest.drain.complete"))
                && r.number("ingest.rejected.samples") == 0;
    }

    private static void ceiling(StringBuilder md, String label, ResultFile r, String key, double e2e) {
        if (r == null) {
            return;
        }
        double v = r.number(key);
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                label,
                fmt(v),
                Double.isNaN(e2e) ? "-" : String.format(Locale.ROOT, "%.2f", e2e / v)));
    }

    private static String connections(ResultFile r) {
        return r == null ? "" : r.get("copy.connections") + " connections, " + r.get("copy.batch") + " rows per COPY";
    }

    private static List<String> processes(ResultFile r) {
        List<String> names = new ArrayList<>();
        for (String k : r.values().keySet()) {
            if (k.startsWith("process.") && k.endsWith(".avg.cores")) {
                names.add(k.substring("process.".length(), k.length() - ".avg.cores".length()));
            }
        }
        names.sort(null);
        return names;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String dash(String v) {
        return v == null || v.equals("-1") ? "-" : v;
    }

    private static ResultFile optional(Path file) throws IOException {
        return Files.exists(file) ? ResultFile.read(file) : null;
    }
}
