package io.linewatch.quality.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.outbox.OutboxSettings;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.quality.TestHttp;
import io.linewatch.quality.TestImages;
import io.linewatch.quality.TestModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The inspection API against a real PostgreSQL and an embedded Kafka broker, serving a real (small,
 * untrained) model bundle. The configured review band [0, 1] sends every part to REVIEW, so every
 * image is kept and can be explained.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1, topics = "linewatch.inspections.v1")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.quality.product-types=tile,strip",
            "linewatch.quality.review-low=0.0",
            "linewatch.quality.review-high=1.0",
            "linewatch.quality.max-pixels=1000000",
            "linewatch.outbox.poll-interval=200ms",
            "linewatch.quality.retention.image-max-age=30d"
        })
class InspectionApiIntegrationTest {

    private static final Path DIR = tempDir();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add(
                "linewatch.quality.model-path",
                () -> writeBundle(DIR.resolve("tile-model.zip")).toString());
        registry.add(
                "linewatch.quality.image-store", () -> DIR.resolve("images").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ImageRetention retention;

    @Test
    void inspectsStoresPublishesExplainsAndRelabelsAnImage() throws Exception {
        ResponseEntity<Map> created = client().post()
                .uri("/api/v1/inspections")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(List.of(TestImages.plain(60, 40)), "image", "L1", "S1", "tile", "SN-1"))
                .retrieve()
                .toEntity(Map.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<?, ?> body = created.getBody();
        String id = (String) body.get("id");
        assertThat(body.get("verdict")).isEqualTo("REVIEW");
        assertThat(((Map<?, ?>) body.get("probabilities")).keySet().toString()).isEqualTo("[crack, good]");
        assertThat(body.get("modelName")).isEqualTo("tile-model");
        assertThat(body.get("imageKept")).isEqualTo(true);
        assertThat(((Number) body.get("latencyMs")).doubleValue()).isPositive();

        List<?> found = client().get()
                .uri("/api/v1/inspections?line=L1&verdict=REVIEW&productType=tile")
                .retrieve()
                .body(List.class);
        List<Object> ids =
                found.stream().map(i -> (Object) ((Map<?, ?>) i).get("id")).toList();
        assertThat(ids).contains(id);
        assertThat(client().get().uri("/api/v1/inspections?line=L2").retrieve().body(List.class))
                .isEmpty();

        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo("L1");
                    assertThat(r.value()).contains(id).contains("\"verdict\":\"REVIEW\"");
                });
            });
        }

        ResponseEntity<byte[]> heatmap = client().get()
                .uri("/api/v1/inspections/{id}/heatmap", id)
                .retrieve()
                .toEntity(byte[].class);
        assertThat(heatmap.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(heatmap.getBody()));
        assertThat(overlay.getWidth()).isEqualTo(60);
        assertThat(overlay.getHeight()).isEqualTo(40);
        assertThat(heatmap.getHeaders().getFirst("LineWatch-Model-Name")).isEqualTo("tile-model");
        assertThat(heatmap.getHeaders().getFirst("LineWatch-Model-Version")).isEqualTo("0");

        // made by a local bundle that has since been replaced: explaining it with today's model
        // would show where another model looked, so it is refused
        jdbc.sql("UPDATE quality.inspection SET model_name = 'tile-model-2025' WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        ResponseEntity<Map> replaced = client().get()
                .uri("/api/v1/inspections/{id}/heatmap", id)
                .retrieve()
                .toEntity(Map.class);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(replaced.getBody().get("type")).isEqualTo("urn:linewatch:problem:model-unavailable");
        assertThat((String) replaced.getBody().get("detail")).contains("tile-model-2025 v0");
        jdbc.sql("UPDATE quality.inspection SET model_name = 'tile-model' WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();

        Map<?, ?> labelled = client().put()
                .uri("/api/v1/inspections/{id}/label", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("label", "crack"))
                .retrieve()
                .body(Map.class);
        assertThat(labelled.get("label")).isEqualTo("crack");
        ResponseEntity<Map> badLabel = client().put()
                .uri("/api/v1/inspections/{id}/label", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("label", "banana"))
                .retrieve()
                .toEntity(Map.class);
        assertThat(badLabel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anInspectionStoredWhileKafkaIsUnreachableIsPublishedOnceTheRelayReachesIt() throws Exception {
        relay.stop();
        try {
            String id = inspectOne("L5");
            assertThat(unsentOutboxRows(id)).isEqualTo(1);

            // a relay on an unreachable broker fails its round and leaves the event unsent
            OutboxSettings quick =
                    new OutboxSettings(Duration.ofMillis(100), 10, Duration.ofDays(1), Duration.ofSeconds(2));
            OutboxRelay unreachable = new OutboxRelay(
                    "outbox",
                    jdbc,
                    tx,
                    OutboxRelay.producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), quick),
                    quick);
            assertThatThrownBy(unreachable::relayOnce).isInstanceOf(IllegalStateException.class);
            assertThat(unsentOutboxRows(id)).isEqualTo(1);

            relay.start();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<ConsumerRecord<String, String>> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    assertThat(seen).anySatisfy(r -> assertThat(r.value()).contains(id));
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> unsentOutboxRows(id) == 0);
        } finally {
            if (!relay.isRunning()) {
                relay.start();
            }
        }
    }

    @Test
    void keptImagesOlderThanTheRetentionAreDeletedAndMarkedExpiredButLabelledOnesStay() {
        String old = inspectOne("L6");
        String labelled = inspectOne("L6");
        String recent = inspectOne("L6");
        client().put()
                .uri("/api/v1/inspections/{id}/label", labelled)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("label", "good"))
                .retrieve()
                .toBodilessEntity();
        jdbc.sql("UPDATE quality.inspection SET inspected_at = now() - interval '40 days' WHERE id IN (:a, :b)")
                .param("a", java.util.UUID.fromString(old))
                .param("b", java.util.UUID.fromString(labelled))
                .update();
        String oldKey = imageKey(old);
        assertThat(DIR.resolve("images").resolve(oldKey)).exists();

        assertThat(retention.expire()).isEqualTo(1);

        assertThat(DIR.resolve("images").resolve(oldKey)).doesNotExist();
        Map<?, ?> expired =
                client().get().uri("/api/v1/inspections/{id}", old).retrieve().body(Map.class);
        assertThat(expired.get("imageKept")).isEqualTo(false);
        assertThat(expired.get("imageExpiredAt")).isNotNull();
        ResponseEntity<Map> heatmap = client().get()
                .uri("/api/v1/inspections/{id}/heatmap", old)
                .retrieve()
                .toEntity(Map.class);
        assertThat(heatmap.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(heatmap.getBody().get("type")).isEqualTo("urn:linewatch:problem:image-expired");
        assertThat(imageKey(labelled)).isNotNull();
        assertThat(imageKey(recent)).isNotNull();
        assertThat(retention.expire()).isZero();
    }

    private String inspectOne(String line) {
        Map<?, ?> body = client().post()
                .uri("/api/v1/inspections")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(List.of(TestImages.plain(40, 40)), "image", line, "S1", "tile", "SN"))
                .retrieve()
                .body(Map.class);
        return (String) body.get("id");
    }

    private long unsentOutboxRows(String id) {
        return jdbc.sql("SELECT count(*) FROM quality.outbox WHERE sent_at IS NULL AND payload LIKE :id")
                .param("id", "%" + id + "%")
                .query(Long.class)
                .single();
    }

    private String imageKey(String id) {
        return jdbc.sql("SELECT image_key FROM quality.inspection WHERE id = :id")
                .param("id", java.util.UUID.fromString(id))
                .query(String.class)
                .single();
    }

    @Test
    void inspectsABatchInOneCall() {
        List<?> result = client().post()
                .uri("/api/v1/inspections/batch")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(
                        List.of(TestImages.plain(30, 30), TestImages.plain(50, 20), TestImages.plain(20, 50)),
                        "images",
                        "L3",
                        "S1",
                        "strip",
                        null))
                .retrieve()
                .body(List.class);

        assertThat(result).hasSize(3);
        assertThat(count("L3")).isEqualTo(3);
    }

    @Test
    void badInputIsAProblemDetailAndLeavesNoRecord() {
        byte[] png = TestImages.plain(40, 40);
        assertProblem("not an image".getBytes(), "tile", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "image-not-an-image");
        assertProblem(Arrays.copyOf(png, png.length / 2), "tile", HttpStatus.BAD_REQUEST, "image-truncated");
        assertProblem(bomb(png), "tile", HttpStatus.CONTENT_TOO_LARGE, "image-too-many-pixels");
        assertProblem(png, "engine-block", HttpStatus.BAD_REQUEST, "validation");
        assertThat(count("BAD")).isZero();

        ResponseEntity<Map> unauthenticated = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build()
                .get()
                .uri("/api/v1/inspections")
                .retrieve()
                .toEntity(Map.class);
        assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void assertProblem(byte[] image, String productType, HttpStatus status, String type) {
        ResponseEntity<Map> response = client().post()
                .uri("/api/v1/inspections")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(TestHttp.form(List.of(image), "image", "BAD", "S1", productType, "SN-X"))
                .retrieve()
                .toEntity(Map.class);
        assertThat(response.getStatusCode()).as(type).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(response.getBody().get("type")).isEqualTo("urn:linewatch:problem:" + type);
    }

    private long count(String line) {
        return jdbc.sql("SELECT count(*) FROM quality.inspection WHERE line_id = :line")
                .param("line", line)
                .query(Long.class)
                .single();
    }

    private RestClient client() {
        return TestHttp.admin(port);
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "inspection-test", false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("linewatch.inspections.v1"));
        return consumer;
    }

    /** The PNG with its header claiming 60000x60000 pixels. */
    static byte[] bomb(byte[] png) {
        byte[] out = png.clone();
        ByteBuffer.wrap(out, 16, 8).putInt(60_000).putInt(60_000);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
        return out;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("quality-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeBundle(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        try {
            TestModels.tiny("crack", "good", 1).save(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
