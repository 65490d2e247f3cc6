package io.linewatch.quality.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.quality.InProcessRegistry;
import io.linewatch.quality.TestHttp;
import io.linewatch.quality.TestImages;
import io.linewatch.quality.TestModels;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import io.linewatch.quality.model.RegistryArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real model registry in-process: a training job on a generated image folder registers version
 * 1 with its contract and metrics; promoted, it serves the mapped product type without a restart;
 * a job on the relabelled inspections registers version 2, which hot-swaps in on promotion; a
 * version whose registry contract disagrees with its artifact is refused and version 2 keeps
 * serving. Path traversal, an unmapped alias and an unknown product type are problem details.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.model-client.api-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.model-client.recheck-interval=1h",
            "linewatch.quality.product-types=legacy",
            "linewatch.quality.models.products.tile.model-name=tile-defects",
            "linewatch.quality.models.products.strip.model-name=strip-defects",
            "linewatch.quality.review-low=0.0",
            "linewatch.quality.review-high=1.0"
        })
class RegistryTrainingIntegrationTest {

    static final Path DIR = tempDir();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, String> TINY = Map.of(
            "imageSize", "32",
            "filters", "4,8",
            "maxEpochs", "2",
            "minSteps", "1",
            "warmupEpochs", "0",
            "patience", "1",
            "batchSize", "8");
    static ConfigurableApplicationContext registry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("linewatch.model-client.registry-url", () -> {
            if (registry == null) {
                registry = InProcessRegistry.start(System.getProperty("spring.embedded.kafka.brokers"));
            }
            return InProcessRegistry.url(registry);
        });
        properties.add(
                "linewatch.model-client.cache-dir", () -> DIR.resolve("cache").toString());
        properties.add(
                "linewatch.quality.image-store", () -> DIR.resolve("images").toString());
        properties.add(
                "linewatch.quality.training-jobs.roots",
                () -> DIR.resolve("data").toString());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void trainedVersionsAreRegisteredServedAfterPromotionAndHotSwappedAndABadContractIsRefused() throws Exception {
        TestImages.folder(DIR.resolve("data").resolve("tiles"), 16, 40);
        RestClient quality = client(port);
        RestClient reg = client(InProcessRegistry.port(registry));

        // no version promoted yet: a clear 503
        ResponseEntity<Map> none = inspect(quality, "tile", List.of(TestImages.good(40, 1)));
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(none.getBody().get("type")).isEqualTo("urn:linewatch:problem:no-model");
        assertThat((String) none.getBody().get("detail")).contains("tile-defects@production");

        Map<?, ?> first = awaitJob(
                quality,
                submit(
                        quality,
                        Map.of("modelName", "tile-defects", "source", "FOLDER", "folder", "tiles", "settings", TINY)));
        assertThat(first.get("state")).isEqualTo("SUCCEEDED");
        assertThat(first.get("registeredVersion")).isEqualTo(1);
        Map<?, ?> metrics = (Map<?, ?>) first.get("metrics");
        assertThat(keys(metrics))
                .contains("accuracy", "perClass", "confusionMatrix", "rocAucGoodVsDefect", "validationAccuracy");
        assertThat(((Map<?, ?>) metrics.get("perClass")).keySet().toString()).isEqualTo("[good, scratch]");
        Map<?, ?> progress = (Map<?, ?>) first.get("progress");
        assertThat(progress.get("phase")).isEqualTo("done");
        assertThat(((Number) progress.get("epoch")).intValue()).isBetween(1, 2);

        Map<?, ?> v1 = reg.get()
                .uri("/api/v1/models/tile-defects/versions/1")
                .retrieve()
                .body(Map.class);
        Map<?, ?> contract = (Map<?, ?>) v1.get("contract");
        assertThat(contract.get("classLabels")).isEqualTo(List.of("good", "scratch"));
        assertThat(contract.get("inputShape")).isEqualTo(List.of(1, 32, 32));
        assertThat(keys(v1.get("normalizer"))).contains("mean", "std");
        assertThat(keys(v1.get("thresholds"))).contains("reviewLow", "reviewHigh");
        assertThat(keys(v1.get("metrics"))).contains("confusionMatrix");
        assertThat(((Map<?, ?>) v1.get("trainingData")).get("source")).isEqualTo("FOLDER");

        promote(reg, "tile-defects", 1);
        await().atMost(Duration.ofMinutes(2)).until(() -> servingVersion(quality, "tile") == 1);
        ResponseEntity<Map> served = inspect(quality, "tile", List.of(TestImages.scratch(40, 5)));
        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(served.getBody().get("modelName")).isEqualTo("tile-defects");
        assertThat(served.getBody().get("modelVersion")).isEqualTo(1);

        // relabel twelve kept inspections and retrain from them
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(TestImages.good(40, 100 + i));
            images.add(TestImages.scratch(40, 200 + i));
        }
        List<?> batch = batch(quality, "tile", images);
        for (int i = 0; i < batch.size(); i++) {
            String id = (String) ((Map<?, ?>) batch.get(i)).get("id");
            quality.put()
                    .uri("/api/v1/inspections/{id}/label", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("label", i % 2 == 0 ? "good" : "scratch"))
                    .retrieve()
                    .toBodilessEntity();
        }
        Map<?, ?> second = awaitJob(
                quality,
                submit(
                        quality,
                        Map.of(
                                "modelName",
                                "tile-defects",
                                "source",
                                "RELABELLED",
                                "productType",
                                "tile",
                                "testFraction",
                                0.3,
                                "settings",
                                TINY)));
        assertThat(second.get("state")).as(String.valueOf(second.get("error"))).isEqualTo("SUCCEEDED");
        assertThat(second.get("registeredVersion")).isEqualTo(2);
        promote(reg, "tile-defects", 2);
        await().atMost(Duration.ofMinutes(2)).until(() -> servingVersion(quality, "tile") == 2);
        assertThat(inspect(quality, "tile", List.of(TestImages.good(40, 9)))
                        .getBody()
                        .get("modelVersion"))
                .isEqualTo(2);

        // an inspection made by version 1 is explained by version 1, not by the version serving now
        String byFirst = batch.stream()
                .map(i -> (Map<?, ?>) i)
                .filter(i -> Boolean.TRUE.equals(i.get("imageKept")))
                .map(i -> (String) i.get("id"))
                .findFirst()
                .orElseThrow();
        ResponseEntity<byte[]> heatmap = quality.get()
                .uri("/api/v1/inspections/{id}/heatmap", byFirst)
                .retrieve()
                .toEntity(byte[].class);
        assertThat(heatmap.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(heatmap.getHeaders().getFirst("LineWatch-Model-Name")).isEqualTo("tile-defects");
        assertThat(heatmap.getHeaders().getFirst("LineWatch-Model-Version")).isEqualTo("1");
        assertThat(servingVersion(quality, "tile")).isEqualTo(2);

        mapsProductTypesOverRest(quality, port);

        // version 3's registry contract names other labels than its artifact: refused, v2 keeps serving
        registerMismatched();
        promote(reg, "tile-defects", 3);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> String.valueOf(status(quality, "tile").get("lastFailure"))
                        .contains("classLabels"));
        assertThat(servingVersion(quality, "tile")).isEqualTo(2);
        assertThat(inspect(quality, "tile", List.of(TestImages.good(40, 10)))
                        .getBody()
                        .get("modelVersion"))
                .isEqualTo(2);
    }

    /**
     * With tile-defects v2 serving: a new product type mapped over REST is known and served at once,
     * without a restart; a mapping over REST overrides configuration until it is removed.
     */
    private static void mapsProductTypesOverRest(RestClient quality, int port) {
        assertProblem(
                inspect(quality, "sheet", List.of(TestImages.good(40, 11))), HttpStatus.BAD_REQUEST, "validation");
        ResponseEntity<Map> mapped = mapProduct(quality, "sheet", Map.of("modelName", "tile-defects"));
        assertThat(mapped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(mapped.getBody())
                .containsEntry("source", "registry")
                .containsEntry("mappedBy", "api")
                .containsEntry("modelName", "tile-defects")
                .containsEntry("alias", "production");
        await().atMost(Duration.ofMinutes(1)).until(() -> servingVersion(quality, "sheet") == 2);
        ResponseEntity<Map> sheet = inspect(quality, "sheet", List.of(TestImages.good(40, 12)));
        assertThat(sheet.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(sheet.getBody()).containsEntry("productType", "sheet").containsEntry("modelVersion", 2);

        // strip is mapped in configuration to a model with no promoted version: 503 until the API
        // maps it to tile-defects, and again once that mapping is removed
        assertProblem(
                inspect(quality, "strip", List.of(TestImages.good(40, 13))),
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-model");
        mapProduct(quality, "strip", Map.of("modelName", "tile-defects", "alias", "production"));
        assertThat(status(quality, "strip").get("mappedBy")).isEqualTo("api");
        await().atMost(Duration.ofMinutes(1)).until(() -> servingVersion(quality, "strip") == 2);
        assertThat(inspect(quality, "strip", List.of(TestImages.good(40, 14))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(unmapProduct(quality, "strip").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<?, ?> strip = status(quality, "strip");
        assertThat(strip.get("mappedBy")).isEqualTo("configuration");
        assertThat(strip.get("modelName")).isEqualTo("strip-defects");
        assertProblem(
                inspect(quality, "strip", List.of(TestImages.good(40, 15))),
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-model");

        assertThat(unmapProduct(quality, "sheet").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertProblem(
                inspect(quality, "sheet", List.of(TestImages.good(40, 16))), HttpStatus.BAD_REQUEST, "validation");
        assertProblem(unmapProduct(quality, "sheet"), HttpStatus.NOT_FOUND, "not-found");
        assertProblem(
                mapProduct(quality, "sheet", Map.of("modelName", "tile defects")),
                HttpStatus.BAD_REQUEST,
                "validation");
        assertProblem(
                mapProduct(quality, "sheet", Map.of("alias", "production")), HttpStatus.BAD_REQUEST, "validation");
        ResponseEntity<Map> anonymous = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build()
                .put()
                .uri("/api/v1/product-types/sheet")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("modelName", "tile-defects"))
                .retrieve()
                .toEntity(Map.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static ResponseEntity<Map> mapProduct(RestClient quality, String productType, Map<String, String> body) {
        return quality.put()
                .uri("/api/v1/product-types/{type}", productType)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(Map.class);
    }

    private static ResponseEntity<Map> unmapProduct(RestClient quality, String productType) {
        return quality.delete()
                .uri("/api/v1/product-types/{type}", productType)
                .retrieve()
                .toEntity(Map.class);
    }

    @Test
    void badRequestsAreProblemDetails() {
        RestClient quality = client(port);
        assertProblem(
                post(quality, Map.of("modelName", "x", "source", "FOLDER", "folder", "../../etc")),
                HttpStatus.BAD_REQUEST,
                "path-not-allowed");
        assertProblem(
                post(quality, Map.of("modelName", "x", "source", "FOLDER", "folder", "/etc")),
                HttpStatus.BAD_REQUEST,
                "path-not-allowed");
        assertProblem(
                post(quality, Map.of("modelName", "x", "source", "CAMERA")), HttpStatus.BAD_REQUEST, "validation");
        assertProblem(
                post(quality, Map.of("modelName", "x", "source", "RELABELLED", "settings", Map.of("bogus", "1"))),
                HttpStatus.BAD_REQUEST,
                "validation");
        assertProblem(
                inspect(quality, "strip", List.of(TestImages.good(40, 1))), HttpStatus.SERVICE_UNAVAILABLE, "no-model");
        assertProblem(
                inspect(quality, "legacy", List.of(TestImages.good(40, 1))),
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-model");
        assertProblem(
                inspect(quality, "engine", List.of(TestImages.good(40, 1))), HttpStatus.BAD_REQUEST, "validation");
        ResponseEntity<Map> reader = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build()
                .get()
                .uri("/api/v1/training-jobs")
                .retrieve()
                .toEntity(Map.class);
        assertThat(reader.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aJobCanBeCancelled() {
        TestImages.folder(DIR.resolve("data").resolve("cancel"), 6, 24);
        RestClient quality = client(port);
        Map<String, String> long_ = new LinkedHashMap<>(TINY);
        long_.put("maxEpochs", "200");
        long_.put("minSteps", "100000");
        long_.put("patience", "200");
        String id = submit(
                quality, Map.of("modelName", "cancelled", "source", "FOLDER", "folder", "cancel", "settings", long_));
        ResponseEntity<Map> cancelled = quality.delete()
                .uri("/api/v1/training-jobs/{id}", id)
                .retrieve()
                .toEntity(Map.class);
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<?, ?> job = awaitJob(quality, id);
        assertThat(job.get("state")).isEqualTo("CANCELLED");
        assertThat(job.get("registeredVersion")).isNull();
        List<?> all = quality.get().uri("/api/v1/training-jobs").retrieve().body(List.class);
        assertThat(all).anySatisfy(j -> assertThat(((Map<?, ?>) j).get("id")).isEqualTo(id));
    }

    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    private static void assertProblem(ResponseEntity<Map> response, HttpStatus status, String type) {
        assertThat(response.getStatusCode()).as(type).isEqualTo(status);
        assertThat(response.getBody().get("type")).isEqualTo("urn:linewatch:problem:" + type);
    }

    private static ResponseEntity<Map> post(RestClient quality, Map<String, ?> request) {
        return quality.post()
                .uri("/api/v1/training-jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .toEntity(Map.class);
    }

    private static String submit(RestClient quality, Map<String, Object> request) {
        ResponseEntity<Map> response = post(quality, request);
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("id");
    }

    private static Map<?, ?> awaitJob(RestClient quality, String id) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String state = (String) job(quality, id).get("state");
                    return !state.equals("QUEUED") && !state.equals("RUNNING");
                });
        return job(quality, id);
    }

    private static Map<?, ?> job(RestClient quality, String id) {
        return quality.get().uri("/api/v1/training-jobs/{id}", id).retrieve().body(Map.class);
    }

    private static Map<?, ?> status(RestClient quality, String productType) {
        List<?> all = quality.get().uri("/api/v1/product-types").retrieve().body(List.class);
        return all.stream()
                .map(m -> (Map<?, ?>) m)
                .filter(m -> productType.equals(m.get("productType")))
                .findFirst()
                .orElseThrow();
    }

    private static int servingVersion(RestClient quality, String productType) {
        Object v = status(quality, productType).get("servingVersion");
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static void promote(RestClient reg, String model, int version) {
        assertThat(reg.put()
                        .uri("/api/v1/models/{m}/aliases/production", model)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("version", version, "reason", "test"))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .is2xxSuccessful())
                .isTrue();
    }

    private static void registerMismatched() throws IOException {
        ModelBundle bundle = TestModels.tiny("good", "scratch", 7);
        ModelContract contract = bundle.contract();
        Map<String, Object> metadata = new LinkedHashMap<>(RegistryArtifact.describe(contract));
        Map<String, Object> declared = new LinkedHashMap<>((Map<String, Object>) metadata.get("contract"));
        declared.put("classLabels", List.of("scratch", "good"));
        metadata.put("contract", declared);
        int version = new RegistryPublisher(InProcessRegistry.url(registry), TestKeys.BOOTSTRAP_ADMIN)
                .upload("tile-defects", RegistryArtifact.write(bundle), metadata);
        assertThat(version).isEqualTo(3);
    }

    private static ResponseEntity<Map> inspect(RestClient quality, String productType, List<byte[]> images) {
        return quality.post()
                .uri("/api/v1/inspections")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(images, "image", "L1", "S1", productType, "SN"))
                .retrieve()
                .toEntity(Map.class);
    }

    private static List<?> batch(RestClient quality, String productType, List<byte[]> images) {
        return quality.post()
                .uri("/api/v1/inspections/batch")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(images, "images", "L1", "S1", productType, "SN"))
                .retrieve()
                .body(List.class);
    }

    private static RestClient client(int port) {
        return TestHttp.admin(port);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("quality-registry-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
