package io.linewatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN
        })
class MonitorApplicationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void startsWithItsSchemaAndServesHealthOpenlyAndTheApiDocumentToKeysOnly() {
        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();

        assertThat(client.get()
                        .uri("/actuator/health/liveness")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(client.get()
                        .uri("/v3/api-docs")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        var docs = client.get()
                .uri("/v3/api-docs")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .toEntity(String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"openapi\"");
    }
}
