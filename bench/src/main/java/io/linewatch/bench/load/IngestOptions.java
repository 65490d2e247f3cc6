package io.linewatch.bench.load;

import io.linewatch.bench.Args;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options of {@code ingest}, read once and validated. */
record IngestOptions(
        String url,
        String key,
        int machines,
        int sensors,
        int batch,
        Duration warmup,
        Duration duration,
        Duration drainTimeout,
        int threads,
        double ratePointsPerSecond,
        boolean register,
        boolean isoTs,
        String bootstrap,
        String topic,
        String group,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String schema,
        Map<String, Long> jvmPids,
        Path out) {

    static IngestOptions from(Args args) {
        IngestOptions o = new IngestOptions(
                args.string("url", "http://127.0.0.1:8081"),
                args.string("key", System.getenv().getOrDefault("LINEWATCH_BENCH_KEY", "")),
                args.integer("machines", 1000),
                args.integer("sensors", 8),
                args.integer("batch", 500),
                args.duration("warmup", "15s"),
                args.duration("duration", "60s"),
                args.duration("drain-timeout", "120s"),
                args.integer("threads", 4),
                Double.parseDouble(args.string("rate", "0").replace("_", "")),
                Boolean.parseBoolean(args.string("register", "true")),
                args.string("ts", "epoch").equals("iso"),
                args.string("bootstrap", "127.0.0.1:9092"),
                args.string("topic", "linewatch.telemetry.v1"),
                args.string("group", "linewatch-ingest-storage"),
                args.string("db-url", "jdbc:postgresql://127.0.0.1:5432/linewatch"),
                args.string("db-user", "linewatch"),
                args.string("db-password", ""),
                args.string("schema", "ingest"),
                pids(args.string("jvm-pids", "")),
                Path.of(args.string("out", "bench/target/results/ingest.properties")));
        args.rejectUnknown();
        if (o.key.isBlank()) {
            throw new IllegalArgumentException("--key (or LINEWATCH_BENCH_KEY) is required");
        }
        if (!o.schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--schema must be a plain identifier: " + o.schema);
        }
        return o;
    }

    /** {@code name=pid,name=pid}. */
    static Map<String, Long> pids(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                String[] kv = part.split("=", 2);
                pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return pids;
    }
}
