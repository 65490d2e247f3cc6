package io.linewatch.ingest.telemetry;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.ingest.asset.AssetCatalog;
import io.linewatch.ingest.asset.FixedAssetCatalogs;
import io.linewatch.ingest.codec.SampleJsonWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * In-process benchmark of the ingest path without HTTP: 500-sample JSON bodies of 8 values each,
 * parsed, validated against the asset model and published to a real (embedded, 12-partition)
 * Kafka broker with acks=all, idempotence and lz4, waiting for every acknowledgement, exactly as
 * a request does. In the same run it measures two ceilings on the same data: bare Jackson
 * tokenizing of the bodies, and the KafkaProducer alone sending pre-built samples. Not a test:
 * run it as the CLI in docs/ingest-api.md and record the figures.
 */
public final class IngestPathBenchmark {

    static final int SAMPLES_PER_BODY = 500;
    static final int VALUES = 8;
    static final int MACHINES = 100;
    static final int BODIES = 200;
    /** Concurrent requests, as Tomcat's worker threads would run them. */
    static final int THREADS = 8;

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 20);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        try {
            LineWatchTopics topics = new LineWatchTopics("bench.telemetry", "bench.dlt", "a", "i", "m", 12, (short) 1);
            broker.addTopics(new NewTopic(topics.telemetry(), 12, (short) 1));
            KafkaProperties kafka = new KafkaProperties();
            kafka.setBootstrapServers(List.of(broker.getBrokersAsString()));
            kafka.getProducer().setCompressionType("lz4");
            kafka.getProducer().setBatchSize(org.springframework.util.unit.DataSize.ofKilobytes(256));
            kafka.getProducer().getProperties().put("linger.ms", "5");
            kafka.getProducer().setBufferMemory(org.springframework.util.unit.DataSize.ofMegabytes(64));
            TelemetryPublisher publisher = new TelemetryPublisher(kafka, topics, new SimpleMeterRegistry());
            AssetCatalog catalog = FixedAssetCatalogs.of("m", MACHINES, VALUES, -1e9, 1e9);
            TelemetrySettings settings = new TelemetrySettings(
                    TelemetrySettings.Mode.STRICT,
                    Duration.ofMinutes(5),
                    Duration.ofDays(3650),
                    1000,
                    16,
                    1000,
                    50_000,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(5));
            byte[][] bodies = bodies();

            double tokenize = rate("Jackson tokenizing only (ceiling)", phase, () -> tokenize(bodies));
            double producer =
                    rate("KafkaProducer alone, acks awaited (ceiling)", phase, () -> produceOnly(publisher, settings));
            java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
            java.util.concurrent.atomic.AtomicLong requestCpu = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong requestSamples = new java.util.concurrent.atomic.AtomicLong();
            double ingest = rate(
                    "ingest path (" + THREADS + " concurrent requests): parse+validate+publish+acks", phase, () -> {
                        List<java.util.concurrent.Future<Long>> done = new java.util.ArrayList<>();
                        for (int t = 0; t < THREADS; t++) {
                            int first = t;
                            done.add(requests.submit(() -> {
                                long cpuStart = THREAD_CPU.getCurrentThreadCpuTime();
                                long n = 0;
                                for (int b = first; b < bodies.length; b += THREADS) {
                                    IngestSession session =
                                            new IngestSession(settings, catalog, () -> false, publisher, false, true);
                                    JsonSamples.parseDocument(new ByteArrayInputStream(bodies[b]), null, session);
                                    IngestOutcome outcome = session.finish();
                                    if (outcome.accepted() != SAMPLES_PER_BODY) {
                                        throw new IllegalStateException("not all accepted: " + outcome);
                                    }
                                    n += outcome.accepted();
                                }
                                requestCpu.addAndGet(THREAD_CPU.getCurrentThreadCpuTime() - cpuStart);
                                requestSamples.addAndGet(n);
                                return n;
                            }));
                        }
                        long n = 0;
                        for (var f : done) {
                            n += f.get();
                        }
                        return n;
                    });
            requests.shutdown();
            System.out.printf(
                    "ingest path: request threads' CPU %.2f us per sample (parse, validate, serialize, send, await;"
                            + " warm-up included)%n",
                    requestCpu.get() / 1e3 / requestSamples.get());
            System.out.printf(
                    "%nsamples of %d values; ingest path = %.2f of Jackson tokenizing, %.2f of the producer alone%n",
                    VALUES, ingest / tokenize, ingest / producer);
            System.out.printf("ingest path: %.0f samples/s = %.0f points/s%n", ingest, ingest * VALUES);
            publisher.destroy();
        } finally {
            broker.destroy();
        }
    }

    interface Work {
        long run() throws Exception;
    }

    static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static double rate(String name, Duration phase, Work work) throws Exception {
        long warmEnd = System.nanoTime() + phase.toNanos() / 4;
        while (System.nanoTime() < warmEnd) {
            work.run();
        }
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + phase.toNanos();
        long samples = 0;
        while (System.nanoTime() < end) {
            samples += work.run();
        }
        double rate = samples / ((System.nanoTime() - start) / 1e9);
        double cpuPerSample = (os.getProcessCpuTime() - cpuStart) / 1e3 / samples;
        System.out.printf(
                "%-55s %,12.0f samples/s %,14.0f points/s %6.2f us process CPU per sample%n",
                name, rate, rate * VALUES, cpuPerSample);
        return rate;
    }

    static long tokenize(byte[][] bodies) {
        JsonFactory factory = new JsonFactory();
        long tokens = 0;
        for (byte[] body : bodies) {
            try (JsonParser p = factory.createParser(ObjectReadContext.empty(), body)) {
                while (p.nextToken() != null) {
                    tokens++;
                }
            }
        }
        return tokens == 0 ? 0 : (long) BODIES * SAMPLES_PER_BODY;
    }

    static long produceOnly(TelemetryPublisher publisher, TelemetrySettings settings) {
        long now = System.currentTimeMillis();
        Delivery delivery = new Delivery(publisher, settings);
        int n = 20_000;
        SampleJsonWriter json = new SampleJsonWriter();
        String[] sensors = new String[VALUES];
        double[] values = new double[VALUES];
        for (int v = 0; v < VALUES; v++) {
            sensors[v] = "s" + v;
        }
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < VALUES; v++) {
                values[v] = i + v;
            }
            String machine = "m" + (i % MACHINES);
            delivery.send(new Outgoing(machine, json.write(machine, now + i, now, sensors, values, VALUES), VALUES, i));
        }
        delivery.finish();
        if (delivery.failure() != null) {
            throw new IllegalStateException(delivery.failure());
        }
        return n;
    }

    static byte[][] bodies() {
        long now = System.currentTimeMillis();
        byte[][] bodies = new byte[BODIES][];
        for (int b = 0; b < BODIES; b++) {
            StringBuilder json = new StringBuilder(SAMPLES_PER_BODY * 160).append('[');
            for (int i = 0; i < SAMPLES_PER_BODY; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"machineId\":\"m")
                        .append((b * SAMPLES_PER_BODY + i) % MACHINES)
                        .append("\",\"ts\":")
                        .append(now - 60_000 + i)
                        .append(",\"values\":{");
                for (int v = 0; v < VALUES; v++) {
                    if (v > 0) {
                        json.append(',');
                    }
                    json.append("\"s")
                            .append(v)
                            .append("\":")
                            .append((i * 7 + v) % 1000)
                            .append('.')
                            .append(v);
                }
                json.append("}}");
            }
            bodies[b] = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        }
        return bodies;
    }
}
