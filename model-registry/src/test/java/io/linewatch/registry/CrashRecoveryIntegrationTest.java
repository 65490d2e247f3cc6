package io.linewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.registry.artifact.ArtifactStore;
import io.linewatch.registry.artifact.OrphanSweeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The window between "artifact renamed into the store" and "metadata committed": a PostgreSQL
 * trigger makes the version insert fail there, as a crash or a lost database would.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.registry.orphan-grace=0s",
            "linewatch.registry.sweep-interval=1h"
        })
class CrashRecoveryIntegrationTest {

    private static final Path ARTIFACT_ROOT = TestDirectories.create("lw-registry-crash");

    @DynamicPropertySource
    static void artifactRoot(DynamicPropertyRegistry registry) {
        registry.add("linewatch.registry.artifact-root", ARTIFACT_ROOT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ArtifactStore store;

    @Autowired
    OrphanSweeper sweeper;

    @Test
    void aFailureBetweenArtifactWriteAndMetadataCommitLeavesNothingRegisteredAndTheSweeperRemovesTheFile()
            throws Exception {
        jdbc.sql("""
                        CREATE FUNCTION fail_version_insert() RETURNS trigger AS $$
                        BEGIN
                          IF NEW.description = 'crash-before-commit' THEN
                            RAISE EXCEPTION 'simulated crash before the metadata commit';
                          END IF;
                          RETURN NEW;
                        END $$ LANGUAGE plpgsql
                        """).update();
        jdbc.sql("""
                        CREATE TRIGGER fail_version_insert BEFORE INSERT ON model_version
                        FOR EACH ROW EXECUTE FUNCTION fail_version_insert()
                        """).update();
        var api = new RegistryApi(
                port,
                keys.create("scientist", Set.of(ApiKeyRole.MODEL_ADMIN), "test").key());
        api.createModel("kiln-rul", "rul-lstm", Map.of());
        byte[] kept = TestNetworks.dense(51);
        byte[] doomed = TestNetworks.dense(52);
        assertThat(api.register("kiln-rul", kept, TestNetworks.metadata("kept")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        var failed = api.register("kiln-rul", doomed, TestNetworks.metadata("crash-before-commit"));

        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failed.getBody().get("detail").toString()).contains("nothing was registered");
        assertThat(jdbc.sql("SELECT count(*) FROM model_version")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT next_version FROM registered_model WHERE name = 'kiln-rul'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        // The rename happened before the failed commit: the file is there, referenced by nothing.
        assertThat(store.list()).contains(TestNetworks.sha256(doomed), TestNetworks.sha256(kept));
        Path strayUpload = Files.writeString(ARTIFACT_ROOT.resolve("staging").resolve("upload-crashed.part"), "half");

        var sweep = sweeper.sweep();

        assertThat(sweep.artifacts()).isEqualTo(1);
        assertThat(store.list()).containsExactly(TestNetworks.sha256(kept));
        assertThat(strayUpload).doesNotExist();
        assertThat(api.download("kiln-rul", 1).getBody()).isEqualTo(kept);

        // The same content registers cleanly afterwards, as version 2.
        var retried = api.register("kiln-rul", doomed, TestNetworks.metadata("retried"));
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retried.getBody()).containsEntry("version", 2);
        assertThat(api.download("kiln-rul", 2).getBody()).isEqualTo(doomed);
    }
}
