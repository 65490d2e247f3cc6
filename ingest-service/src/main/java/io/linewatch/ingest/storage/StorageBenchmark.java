package io.linewatch.ingest.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.linewatch.common.event.TelemetrySample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * CLI benchmark of the storage write path alone (no Kafka): the same merge, slot lookup,
 * binary COPY and upsert code the consumer runs, on N threads with one connection each, into a
 * fresh database. Reports samples/s and points/s for first writes, for a full redelivery
 * (every row conflicts and nothing changes) and, as the ceiling, plain binary COPY of the same
 * rows into the partitioned table without staging or conflict handling. A cold run first warms
 * the JIT and assigns the sensor slots, as a long-running consumer has.
 *
 * <pre>
 * java -Xmx4g -cp ingest-service/target/ingest-service-*.jar \
 *   -Dloader.main=io.linewatch.ingest.storage.StorageBenchmark \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   [samples=2000000] [machines=1000] [sensors=8] [batch=5000] [threads=2] [url=jdbc:postgresql://127.0.0.1:5432/]
 * </pre>
 */
public final class StorageBenchmark {

    private StorageBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of(
                "samples", "2000000",
                "machines", "1000",
                "sensors", "8",
                "batch", "5000",
                "threads", "2",
                "url", "jdbc:postgresql://127.0.0.1:5432/",
                "user", "postgres"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int samples = Integer.parseInt(opts.get("samples"));
        int machines = Integer.parseInt(opts.get("machines"));
        int sensors = Integer.parseInt(opts.get("sensors"));
        int batch = Integer.parseInt(opts.get("batch"));
        int threads = Integer.parseInt(opts.get("threads"));
        String database = "linewatch_storage_bench";
        try (Connection admin = DriverManager.getConnection(opts.get("url") + "postgres", opts.get("user"), "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(opts.get("url") + database);
            ds.setUsername(opts.get("user"));
            ds.setMaximumPoolSize(threads + 2);
            Flyway.configure()
                    .dataSource(ds)
                    .schemas("ingest")
                    .defaultSchema("ingest")
                    .load()
                    .migrate();
            StorageSettings settings = new StorageSettings(
                    true,
                    "ingest",
                    "bench",
                    threads,
                    batch,
                    1,
                    Duration.ZERO,
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofDays(30),
                    1,
                    Duration.ofHours(1),
                    Duration.ofSeconds(10));
            List<List<List<TelemetrySample>>> work = generate(samples, machines, sensors, batch, threads);
            SensorSlots slots = new SensorSlots(ds, settings);
            TelemetryPartitions partitions = new TelemetryPartitions(ds, settings);
            TelemetryWriter writer = new TelemetryWriter(ds, settings, new StorageMetrics(new SimpleMeterRegistry()));
            long points = (long) samples * sensors;
            System.out.printf(
                    "storage benchmark: %d samples x %d sensors, %d machines, batches of %d, %d threads, %d cores%n",
                    samples,
                    sensors,
                    machines,
                    batch,
                    threads,
                    Runtime.getRuntime().availableProcessors());

            report("cold first write (JIT, slots)", samples, points, run(work, slots, partitions, writer::write));
            truncate(ds);
            report("first write", samples, points, run(work, slots, partitions, writer::write));
            report("redelivery (all conflicts)", samples, points, run(work, slots, partitions, writer::write));
            truncate(ds);
            report("ceiling: plain COPY", samples, points, copyOnly(work, slots, partitions, ds));
            truncate(ds);
            report("staging + ON CONFLICT only", samples, points, run(work, slots, partitions, writer::writeSafe));
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT pg_total_relation_size(c.oid) FROM pg_inherits i"
                            + " JOIN pg_class c ON c.oid = i.inhrelid")) {
                long bytes = 0;
                while (rs.next()) {
                    bytes += rs.getLong(1);
                }
                System.out.printf(
                        "on disk (table + primary key): %.1f MB, %.1f bytes/point%n",
                        bytes / 1e6, (double) bytes / points);
            }
        }
    }

    private static void truncate(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE ingest.telemetry_sample");
            s.execute("CHECKPOINT");
        }
    }

    private static List<List<List<TelemetrySample>>> generate(
            int samples, int machines, int sensors, int batch, int threads) {
        Random random = new Random(42);
        long start = System.currentTimeMillis() - Duration.ofHours(6).toMillis();
        List<List<List<TelemetrySample>>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new ArrayList<>());
            perThread.get(t).add(new ArrayList<>());
        }
        String[] names = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            names[s] = "sensor-" + s;
        }
        String[] machineIds = new String[machines];
        for (int m = 0; m < machines; m++) {
            machineIds[m] = "machine-" + m;
        }
        for (int i = 0; i < samples; i++) {
            int machine = i % machines;
            Map<String, Double> values = new LinkedHashMap<>();
            for (int s = 0; s < sensors; s++) {
                values.put(names[s], Math.round(random.nextGaussian() * 1000) / 10.0);
            }
            // Machines are split over threads as Kafka splits them over partitions.
            List<List<TelemetrySample>> batches = perThread.get(machine % threads);
            List<TelemetrySample> current = batches.get(batches.size() - 1);
            if (current.size() == batch) {
                current = new ArrayList<>();
                batches.add(current);
            }
            current.add(TelemetrySample.of(
                    machineIds[machine], start + (i / machines) * 100L, System.currentTimeMillis(), values));
        }
        return perThread;
    }

    private static long run(
            List<List<List<TelemetrySample>>> work, SensorSlots slots, TelemetryPartitions partitions, Writer writer)
            throws Exception {
        return parallel(work, batch -> {
            MergedSamples merged = new MergedSamples();
            List<LocalDate> days = new ArrayList<>();
            for (TelemetrySample sample : batch) {
                merged.add(sample);
            }
            batch.stream()
                    .map(s -> LocalDate.ofEpochDay(Math.floorDiv(s.ts(), 86_400_000L)))
                    .distinct()
                    .forEach(days::add);
            Map<String, Map<String, Integer>> slotMap = slots.resolve(merged.rows());
            partitions.ensure(days);
            writer.write(merged, slotMap);
        });
    }

    private static long copyOnly(
            List<List<List<TelemetrySample>>> work,
            SensorSlots slots,
            TelemetryPartitions partitions,
            HikariDataSource ds)
            throws Exception {
        ThreadLocal<BinaryCopyEncoder> encoders = ThreadLocal.withInitial(BinaryCopyEncoder::new);
        return parallel(work, batch -> {
            MergedSamples merged = new MergedSamples();
            batch.forEach(merged::add);
            Map<String, Map<String, Integer>> slotMap = slots.resolve(merged.rows());
            partitions.ensure(batch.stream()
                    .map(s -> LocalDate.ofEpochDay(Math.floorDiv(s.ts(), 86_400_000L)))
                    .distinct()
                    .toList());
            BinaryCopyEncoder encoded = encoders.get().encode(merged.rows(), slotMap);
            try (Connection c = ds.getConnection()) {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY ingest.telemetry_sample FROM STDIN (FORMAT binary)",
                                new ByteArrayInputStream(encoded.buffer(), 0, encoded.length()));
            }
        });
    }

    interface Writer {
        int write(MergedSamples merged, Map<String, Map<String, Integer>> slots) throws SQLException;
    }

    interface BatchWork {
        void write(List<TelemetrySample> batch) throws Exception;
    }

    private static long parallel(List<List<List<TelemetrySample>>> work, BatchWork task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<List<TelemetrySample>> batches : work) {
                done.add(pool.submit(() -> {
                    for (List<TelemetrySample> batch : batches) {
                        task.write(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String what, long samples, long points, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "%-32s %6.2f s  %,12.0f samples/s  %,12.0f points/s%n",
                what, seconds, samples / seconds, points / seconds);
    }
}
