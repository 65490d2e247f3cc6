package io.linewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.registry.artifact.ArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.registry.max-artifact-size=256KB"
        })
class VersionValidationIntegrationTest {

    private static final Path ARTIFACT_ROOT = TestDirectories.create("lw-registry-validation");

    @DynamicPropertySource
    static void artifactRoot(DynamicPropertyRegistry registry) {
        registry.add("linewatch.registry.artifact-root", ARTIFACT_ROOT::toString);
    }

    private static final String MODEL = "mixer-anomaly";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ArtifactStore store;

    RegistryApi api;
    String model;
    Set<String> storedBefore;

    @BeforeEach
    void createModel(TestInfo test) throws Exception {
        api = new RegistryApi(
                port,
                keys.create("scientist", Set.of(ApiKeyRole.MODEL_ADMIN), "test").key());
        model = MODEL + "-" + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        api.createModel(model, "anomaly-lstm", Map.of());
        storedBefore = store.list();
    }

    @Test
    void randomBytesAreNeitherADl4jZipNorKerasAndNothingIsStored() throws Exception {
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);

        var response = api.register(model, garbage, TestNetworks.metadata("garbage"));

        assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-model", "neither a DL4J model zip");
        assertNothingStored();
    }

    @Test
    void aTruncatedArtifactIsRefusedAndNothingIsStored() throws Exception {
        byte[] network = TestNetworks.dense(3);

        var response = api.register(model, Arrays.copyOf(network, network.length / 2), TestNetworks.metadata("cut"));

        assertProblem(
                response, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-model", "does not restore as a DL4J network");
        assertNothingStored();
    }

    @Test
    void aDeclaredInputShapeTheNetworkCannotTakeIsRefused() throws Exception {
        var response =
                api.register(model, TestNetworks.dense(3), "{\"contract\":{\"inputShape\":[5],\"outputShape\":[3]}}");

        assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-model", "declared input shape [1, 5]");
        assertNothingStored();
    }

    @Test
    void aDeclaredOutputShapeThatDiffersFromTheForwardPassIsRefused() throws Exception {
        var response =
                api.register(model, TestNetworks.dense(3), "{\"contract\":{\"inputShape\":[4],\"outputShape\":[2]}}");

        assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-model", "output shape [1, 2]");
        assertThat(response.getBody().get("detail").toString()).contains("[1, 3]");
        assertNothingStored();
    }

    @Test
    void aSha256ThatDoesNotMatchTheUploadIsRefused() throws Exception {
        String metadata = "{\"sha256\":\"" + "0".repeat(64) + "\",\"contract\":" + TestNetworks.CONTRACT_4_TO_3 + "}";
        byte[] network = TestNetworks.dense(3);

        var response = api.register(model, network, metadata);

        assertProblem(response, HttpStatus.BAD_REQUEST, "checksum-mismatch", "but the metadata declares 000");
        assertThat(response.getBody()).containsEntry("actual", TestNetworks.sha256(network));
        assertNothingStored();
    }

    @Test
    void anOversizeUploadIsRefusedWithTheLimit() throws Exception {
        var response = api.register(model, new byte[300 * 1024], TestNetworks.metadata("big"));

        assertProblem(response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "262144 bytes");
        assertNothingStored();
    }

    @Test
    void metadataWithoutAContractOrWithUnknownFieldsIsRefusedNamingTheField() throws Exception {
        var missing = api.register(model, TestNetworks.dense(3), "{\"description\":\"no contract\"}");
        assertProblem(missing, HttpStatus.BAD_REQUEST, "validation", "contract.inputShape");

        var typo = api.register(
                model, TestNetworks.dense(3), "{\"contrakt\":{},\"contract\":" + TestNetworks.CONTRACT_4_TO_3 + "}");
        assertProblem(typo, HttpStatus.BAD_REQUEST, "validation", "contrakt");

        var negative =
                api.register(model, TestNetworks.dense(3), "{\"contract\":{\"inputShape\":[4],\"outputShape\":[-3]}}");
        assertProblem(negative, HttpStatus.BAD_REQUEST, "validation", "contract.outputShape[0]");
        assertNothingStored();
    }

    @Test
    void reUploadingIdenticalContentReturnsTheExistingVersion() {
        byte[] network = TestNetworks.dense(5);
        String metadata = "{\"sha256\":\"" + TestNetworks.sha256(network) + "\",\"contract\":"
                + TestNetworks.CONTRACT_4_TO_3 + "}";

        var first = api.register(model, network, metadata);
        var again = api.register(model, network, metadata);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("version", 1).containsEntry("sha256", TestNetworks.sha256(network));
        assertThat(versions()).isEqualTo(1);
        assertThat(events()).isEqualTo(1);
    }

    private void assertProblem(ResponseEntity<Map> response, HttpStatus status, String type, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("type", "urn:linewatch:problem:" + type);
        assertThat(response.getBody().get("detail").toString()).contains(detail);
    }

    private void assertNothingStored() throws Exception {
        assertThat(versions()).isZero();
        assertThat(events()).isZero();
        assertThat(store.list()).isEqualTo(storedBefore);
        try (Stream<Path> staging = Files.list(ARTIFACT_ROOT.resolve("staging"))) {
            assertThat(staging).isEmpty();
        }
    }

    private long versions() {
        return jdbc.sql("SELECT count(*) FROM model_version WHERE model_name = :model")
                .param("model", model)
                .query(Long.class)
                .single();
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :model")
                .param("model", model)
                .query(Long.class)
                .single();
    }
}
