package io.linewatch.bench.load;

import io.linewatch.bench.Args;
import io.linewatch.bench.data.Fleet;
import io.linewatch.bench.data.JsonBatchWriter;
import io.linewatch.bench.data.SignalSource;
import io.linewatch.bench.proc.ProcessSampler;
import io.linewatch.bench.report.ResultFile;
import io.linewatch.bench.stats.LagVerdict;
import io.linewatch.bench.stats.LatencyRecorder;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ingest --url http://127.0.0.1:8081 --key K --machines 1000 --sensors 8 --batch 500
 * --warmup 15s --duration 60s --threads 4 --rate 0}: the end-to-end benchmark. Posts for warmup +
 * duration, measures over the duration only, then waits for the storing consumer to drain and
 * counts what PostgreSQL holds. {@code --rate} is in points per second; 0 posts closed loop.
 * {@code --register false} skips registering the fleet (already registered, or a lenient service).
 */
public final class IngestCommand {

    private IngestCommand() {}

    public static void run(Args args) throws Exception {
        IngestOptions o = IngestOptions.from(args);
        Fleet fleet = Fleet.of(o.machines(), o.sensors());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI base = URI.create(o.url());
        if (o.register()) {
            long t0 = System.nanoTime();
            new AssetRegistrar(http, base, o.key()).register(fleet, 4);
            System.out.printf(
                    "registered %d machines x %d sensors in %.1f s%n",
                    o.machines(), o.sensors(), (System.nanoTime() - t0) / 1e9);
        }

        long rowsBefore = storedRows(o)[0];
        try (LagProbe lag = new LagProbe(o.bootstrap(), o.topic(), o.group());
                ProcessSampler processes = samplers(o)) {
            LagProbe.Position before = awaitTopic(lag);
            LoadCounters counters = new LoadCounters();
            List<LagVerdict.Point> lagPoints = new CopyOnWriteArrayList<>();
            List<String> lagLog = new CopyOnWriteArrayList<>();
            var state = new Object() {
                volatile boolean stopped;
                volatile boolean measuring;
            };
            RatePacer pacer = new RatePacer(o.ratePointsPerSecond(), o.batch() * o.sensors());
            JsonBatchWriter writer = new JsonBatchWriter(fleet.sensors(), o.isoTs());
            List<LoadWorker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < o.threads(); i++) {
                SignalSource source =
                        new SignalSource(fleet, fleet.slice(i, o.threads()), 1000 + i, System::currentTimeMillis);
                LoadWorker w = new LoadWorker(
                        http,
                        base.resolve("/api/v1/telemetry"),
                        o.key(),
                        source,
                        writer,
                        o.batch(),
                        pacer,
                        counters,
                        () -> state.stopped,
                        () -> state.measuring);
                workers.add(w);
                Thread thread = new Thread(w, "load-" + i);
                thread.start();
                threads.add(thread);
            }

            long start = System.nanoTime();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(
                    () -> {
                        double t = (System.nanoTime() - start) / 1e9;
                        processes.tick();
                        try {
                            LagProbe.Position p = lag.position();
                            long accepted = counters.acceptedSamples.sum();
                            lagLog.add(String.format(
                                    "%.1f,%d,%d,%d", t, accepted, p.committed() - before.committed(), p.lag()));
                            if (state.measuring) {
                                lagPoints.add(new LagVerdict.Point(t, p.lag()));
                            }
                        } catch (Exception e) {
                            lagLog.add(String.format("%.1f,,,probe failed: %s", t, e.getMessage()));
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);

            park(start + o.warmup().toNanos());
            LagProbe.Position windowStartPosition = lag.position();
            long acceptedAtStart = counters.acceptedSamples.sum();
            long windowStart = System.nanoTime();
            processes.startWindow();
            state.measuring = true;
            System.out.printf(
                    "warmup done after %.0f s; measuring %d s%n",
                    o.warmup().toSeconds() * 1.0, o.duration().toSeconds());

            park(windowStart + o.duration().toNanos());
            state.measuring = false;
            processes.endWindow();
            long windowEnd = System.nanoTime();
            long acceptedAtEnd = counters.acceptedSamples.sum();
            LagProbe.Position windowEndPosition = lag.position();
            state.stopped = true;
            for (Thread t : threads) {
                t.join();
            }
            long loadEnd = System.nanoTime();

            // Drain: how long the storing consumer needs to catch up once the load stops.
            long drainDeadline = loadEnd + o.drainTimeout().toNanos();
            LagProbe.Position last = lag.position();
            while (last.lag() > 0 && System.nanoTime() < drainDeadline) {
                park(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250));
                last = lag.position();
            }
            double drainSeconds = (System.nanoTime() - loadEnd) / 1e9;
            ticker.shutdownNow();
            long[] stored = storedRows(o);

            double seconds = (windowEnd - windowStart) / 1e9;
            double acceptedSamplesPerSecond = (acceptedAtEnd - acceptedAtStart) / seconds;
            double storedSamplesPerSecond = (windowEndPosition.committed() - windowStartPosition.committed()) / seconds;
            LagVerdict verdict = LagVerdict.of(lagPoints, acceptedSamplesPerSecond);
            long[] sorted = LatencyRecorder.mergeSorted(
                    workers.stream().map(w -> w.latencies).toList());
            long totalAccepted = counters.acceptedSamples.sum();

            ResultFile result = new ResultFile()
                    .put("ingest.rate.target.points.per.s", o.ratePointsPerSecond())
                    .put("ingest.threads", o.threads())
                    .put("ingest.batch", o.batch())
                    .put("ingest.machines", o.machines())
                    .put("ingest.sensors", o.sensors())
                    .put("ingest.seconds", String.format("%.1f", seconds))
                    .put("ingest.accepted.points.per.s", Math.round(acceptedSamplesPerSecond * o.sensors()))
                    .put("ingest.stored.points.per.s", Math.round(storedSamplesPerSecond * o.sensors()))
                    .put("ingest.requests", sorted.length)
                    .put(
                            "ingest.latency.p50.ms",
                            String.format("%.1f", LatencyRecorder.percentile(sorted, 0.50) / 1000.0))
                    .put(
                            "ingest.latency.p99.ms",
                            String.format("%.1f", LatencyRecorder.percentile(sorted, 0.99) / 1000.0))
                    .put(
                            "ingest.latency.max.ms",
                            String.format("%.1f", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0))
                    .put("ingest.status.429", counters.count(429))
                    .put("ingest.status.503", counters.count(503))
                    .put("ingest.statuses", counters.statuses())
                    .put("ingest.rejected.samples", counters.rejectedSamples.sum())
                    .put("ingest.first.error", counters.firstError.get() == null ? "" : counters.firstError.get())
                    .put("ingest.lag.bounded", verdict.bounded())
                    .put("ingest.lag.max.samples", verdict.maxLag())
                    .put("ingest.lag.end.samples", verdict.lastLag())
                    .put("ingest.lag.slope.samples.per.s", Math.round(verdict.slopePerSecond()))
                    .put("ingest.drain.seconds", String.format("%.1f", drainSeconds))
                    .put("ingest.drain.complete", last.lag() == 0)
                    .put("ingest.accepted.samples.total", totalAccepted)
                    .put("ingest.stored.samples.total", stored[0] - rowsBefore)
                    .put("ingest.stored.points.total", stored[1])
                    .put("ingest.machine.busy.cores", String.format("%.2f", processes.machineBusyCores()));
            for (Map.Entry<String, ProcessSampler.Usage> e : processes.usage().entrySet()) {
                ProcessSampler.Usage u = e.getValue();
                String k = "process." + e.getKey() + ".";
                result.put(k + "avg.cores", String.format("%.2f", u.avgCores()))
                        .put(k + "peak.cores", String.format("%.2f", u.peakCores()))
                        .put(k + "max.rss.mb", u.maxRssMb())
                        .put(k + "max.heap.used.mb", u.maxHeapUsedMb())
                        .put(k + "max.heap.committed.mb", u.maxHeapCommittedMb());
            }
            processes
                    .threadRoles()
                    .forEach((process, roles) -> roles.entrySet().stream()
                            .limit(8)
                            .forEach(r -> result.put(
                                    "threads." + process + "." + r.getKey().replace(' ', '_'),
                                    String.format("%.2f", r.getValue()))));
            result.write(o.out());
            Path lagFile = Path.of(o.out().toString().replaceAll("\\.properties$", "") + "-lag.csv");
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(lagFile))) {
                w.println("seconds,accepted_samples,stored_samples,lag_samples");
                lagLog.forEach(w::println);
            }
            System.out.printf(
                    "ingest: accepted %,.0f points/s, stored %,.0f points/s over %.0f s; p50 %s ms, p99 %s ms;"
                            + " lag max %,d slope %,.0f/s bounded=%s; drained in %.1f s; 429=%d 503=%d;"
                            + " accepted %,d samples, stored %,d rows%n",
                    acceptedSamplesPerSecond * o.sensors(),
                    storedSamplesPerSecond * o.sensors(),
                    seconds,
                    result.get("ingest.latency.p50.ms"),
                    result.get("ingest.latency.p99.ms"),
                    verdict.maxLag(),
                    verdict.slopePerSecond(),
                    verdict.bounded(),
                    drainSeconds,
                    counters.count(429),
                    counters.count(503),
                    totalAccepted,
                    stored[0] - rowsBefore);
            if (counters.firstError.get() != null) {
                System.out.println("first non-accepted response: " + counters.firstError.get());
            }
        }
    }

    private static ProcessSampler samplers(IngestOptions o) throws java.io.IOException {
        ProcessSampler sampler = new ProcessSampler();
        for (Map.Entry<String, Long> jvm : o.jvmPids().entrySet()) {
            sampler.addJvm(jvm.getKey(), jvm.getValue());
        }
        sampler.addByName("postgresql", "postgres");
        sampler.addSelf("load-generator");
        return sampler;
    }

    /** The topic exists once ingest-service started; wait up to 60 s for it. */
    private static LagProbe.Position awaitTopic(LagProbe lag) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return lag.position();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                park(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** {rows, values} in the telemetry table (values counted as array elements, all non-null here). */
    private static long[] storedRows(IngestOptions o) throws SQLException {
        try (Connection c = DriverManager.getConnection(o.dbUrl(), o.dbUser(), o.dbPassword());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(cardinality(vals)), 0) FROM " + o.schema()
                        + ".telemetry_sample")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    private static void park(long untilNanos) {
        long wait;
        while ((wait = untilNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
