package io.linewatch.registry;

import io.linewatch.common.registry.LiveModel;
import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.common.test.TestKeys;
import io.linewatch.common.test.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The registry's benchmark (not part of the suite; its name matches no surefire include). It runs
 * the packaged registry jar as its own process against PostgreSQL and an embedded Kafka broker,
 * a client in this JVM, and prints: alias move to new model serving (p50/p99), upload and
 * download throughput, and the registry's memory. Run:
 * {@code ./mvnw -B -q package -pl model-registry -DskipTests && ./mvnw -B test -pl model-registry
 * -Dtest=RegistryBenchmark -Dspotless.check.skip=true}.
 */
class RegistryBenchmark {

    private static final int PROMOTIONS = Integer.getInteger("bench.promotions", 50);
    private static final int LARGE_PARAMS_SIDE = Integer.getInteger("bench.side", 2500);

    @Test
    void benchmark() throws Exception {
        Path jar = Path.of("target/model-registry-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "package the registry first: ./mvnw -B -q package -pl model-registry -DskipTests");
        }
        Path work = Files.createTempDirectory("lw-registry-bench");
        List<String> report = new ArrayList<>();
        var kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        String database = TestPostgres.createDatabase("registrybench");
        int port = freePort();
        Process registry = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                        "--linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
                        "--linewatch.registry.artifact-root=" + work.resolve("artifacts"))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        try {
            RegistryApi api = new RegistryApi(port, TestKeys.BOOTSTRAP_ADMIN);
            Instant started = Instant.now();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            return api.get("/actuator/health/liveness").getStatusCode() == HttpStatus.OK;
                        } catch (RuntimeException e) {
                            return false;
                        }
                    });
            report.add(row(
                    "registry start to healthy",
                    Duration.between(started, Instant.now()).toMillis() + " ms"));

            api.createModel("bench", "anomaly-lstm", Map.of());
            api.register("bench", TestNetworks.dense(1), TestNetworks.metadata("v1"));
            api.register("bench", TestNetworks.dense(2), TestNetworks.metadata("v2"));
            api.setAlias("bench", "production", 1, "benchmark start");
            promotionLatency(api, port, kafka.getBrokersAsString(), work, report);
            throughput(api, work, report);
            memory(api, registry, report);
        } finally {
            registry.destroy();
            registry.waitFor(30, TimeUnit.SECONDS);
            kafka.destroy();
            TestPostgres.dropDatabase(database.substring(database.lastIndexOf('/') + 1));
        }
        String text = "model-registry benchmark, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores\n" + String.join("\n", report) + "\n";
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/model-registry.txt"), text);
        System.out.print(text);
    }

    private static void promotionLatency(RegistryApi api, int port, String kafka, Path work, List<String> report)
            throws Exception {
        try (var client = ClientApplication.start(port, TestKeys.BOOTSTRAP_ADMIN, kafka, work.resolve("cache"), "1h")) {
            LiveModel<MultiLayerNetwork> live =
                    client.getBean(ModelRegistryClient.class).subscribe("bench", "production", new Dl4jTestLoader());
            var listener = client.getBean(io.linewatch.common.registry.ModelEventListener.class);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> listener.assigned()
                            && live.current().map(m -> m.info().version() == 1).orElse(false));
            AtomicReference<CompletableFuture<Long>> swapped = new AtomicReference<>();
            live.onSwap(model -> {
                CompletableFuture<Long> waiting = swapped.get();
                if (waiting != null) {
                    waiting.complete(System.nanoTime());
                }
            });
            long[] latencies = new long[PROMOTIONS];
            for (int i = 0; i < PROMOTIONS; i++) {
                int target = i % 2 == 0 ? 2 : 1;
                var done = new CompletableFuture<Long>();
                swapped.set(done);
                long start = System.nanoTime();
                api.setAlias("bench", "production", target, "benchmark promotion " + i);
                latencies[i] = done.get(30, TimeUnit.SECONDS) - start;
                if (live.current().orElseThrow().info().version() != target) {
                    throw new IllegalStateException("swapped to the wrong version");
                }
            }
            Arrays.sort(latencies);
            report.add(row(
                    "alias move -> new model serving (" + PROMOTIONS + " promotions)",
                    String.format(
                            "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                            percentile(latencies, 0.50),
                            percentile(latencies, 0.99),
                            latencies[latencies.length - 1] / 1e6)));
            // Baseline: what the client does once it knows (resolve over HTTP, cached artifact, load, smoke).
            long[] baseline = new long[20];
            var loader = new Dl4jTestLoader();
            for (int i = 0; i < baseline.length; i++) {
                long start = System.nanoTime();
                var info = client.getBean(ModelRegistryClient.class)
                        .resolve("bench", "production")
                        .orElseThrow();
                var file = client.getBean(ModelRegistryClient.class).fetchArtifact(info);
                loader.smokeTest(loader.load(file, info), info);
                baseline[i] = System.nanoTime() - start;
            }
            Arrays.sort(baseline);
            report.add(row(
                    "baseline: resolve + cached load + smoke test, no event",
                    String.format("p50 %.1f ms", percentile(baseline, 0.5))));
        }
    }

    private static void throughput(RegistryApi api, Path work, List<String> report) throws Exception {
        api.createModel("bench-large", "anomaly-lstm", Map.of());
        byte[] large = largeNetwork(7);
        double megabytes = large.length / 1e6;
        String metadata = "{\"contract\":{\"inputShape\":[4],\"outputShape\":[3]}}";

        long start = System.nanoTime();
        var created = api.register("bench-large", large, metadata);
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        if (created.getStatusCode() != HttpStatus.CREATED) {
            throw new IllegalStateException("large upload failed: " + created);
        }
        report.add(row(
                String.format("register %.1f MB (upload + child-JVM validation + commit)", megabytes),
                String.format("%.2f s, %.1f MB/s", registerSeconds, megabytes / registerSeconds)));

        int repeats = 5;
        start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            var again = api.register("bench-large", large, metadata);
            if (again.getStatusCode() != HttpStatus.OK) {
                throw new IllegalStateException("identical re-upload was not idempotent: " + again);
            }
        }
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        report.add(row(
                "upload only (identical re-upload: stream, hash, lookup) x" + repeats,
                String.format("%.1f MB/s", repeats * megabytes / uploadSeconds)));

        start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            var download = api.download("bench-large", 1);
            if (download.getBody().length != large.length) {
                throw new IllegalStateException("short download");
            }
        }
        double downloadSeconds = (System.nanoTime() - start) / 1e9;
        Path local = Files.write(work.resolve("large.bin"), large);
        start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            Files.readAllBytes(local);
        }
        double diskSeconds = (System.nanoTime() - start) / 1e9;
        report.add(row(
                "download (streamed, ETag) x" + repeats,
                String.format(
                        "%.1f MB/s (baseline local file read %.1f MB/s, ratio %.2f)",
                        repeats * megabytes / downloadSeconds,
                        repeats * megabytes / diskSeconds,
                        diskSeconds / downloadSeconds)));
    }

    private static void memory(RegistryApi api, Process registry, List<String> report) throws IOException {
        String status = Files.readString(Path.of("/proc/" + registry.pid() + "/status"));
        String rss = field(status, "VmRSS:");
        String peak = field(status, "VmHWM:");
        var heap = api.get("/actuator/metrics/jvm.memory.used?tag=area:heap").getBody();
        double heapBytes =
                ((Number) ((Map<?, ?>) ((List<?>) heap.get("measurements")).get(0)).get("value")).doubleValue();
        report.add(row(
                "registry memory after the run (-Xmx512m)",
                String.format("RSS %s, peak RSS %s, heap used %.0f MB", rss, peak, heapBytes / 1e6)));
    }

    private static byte[] largeNetwork(long seed) throws IOException {
        var configuration = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(4)
                        .nOut(LARGE_PARAMS_SIDE)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(LARGE_PARAMS_SIDE)
                        .nOut(LARGE_PARAMS_SIDE)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(LARGE_PARAMS_SIDE)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        var network = new MultiLayerNetwork(configuration);
        network.init();
        var out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, out, false);
        return out.toByteArray();
    }

    private static String field(String status, String name) {
        return status.lines()
                .filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).trim())
                .findFirst()
                .orElse("?");
    }

    private static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    private static String row(String what, String value) {
        return String.format("  %-62s %s", what, value);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
