package io.linewatch.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@FreshDatabase
@SpringBootTest(
        classes = SecurityTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "spring.flyway.enabled=false",
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "management.endpoints.web.exposure.include=health,prometheus"
        })
class ApiKeySecurityIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    RestClient client() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }

    @Test
    void healthIsOpenWithoutAKey() {
        var response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void everythingElseNeedsAKeyAndSaysSoAsAProblemDetail() {
        var response = client().get().uri("/api/v1/things").retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:linewatch:problem:unauthorized");
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");

        var metrics = client().get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anUnknownKeyIsUnauthorized() {
        var response = client().get()
                .uri("/api/v1/things")
                .header("X-API-Key", "lw_AAAAAAAAAAAA_notarealsecretnotarealsecretnotarealsec")
                .retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aKeyWithTheRoleIsAllowedAndWithoutItIsForbidden() {
        String reader = keys.create("dashboard", java.util.Set.of(ApiKeyRole.READ), "test")
                .key();

        var read = client().get()
                .uri("/api/v1/things")
                .header("X-API-Key", reader)
                .retrieve()
                .toEntity(String.class);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody()).isEqualTo("things");

        var write = client().post()
                .uri("/api/v1/things")
                .header("Authorization", "Bearer " + reader)
                .retrieve()
                .toEntity(Map.class);
        assertThat(write.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(write.getBody()).containsEntry("type", "urn:linewatch:problem:forbidden");
    }

    @Test
    void adminsCreateListAndRevokeKeysOverRestAndRevokedKeysStopWorking() {
        var created = client().post()
                .uri("/api/v1/api-keys")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "gateway-7", "roles", List.of("INGEST")))
                .retrieve()
                .toEntity(Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String key = (String) created.getBody().get("key");
        String id = (String) created.getBody().get("id");
        assertThat(key).startsWith("lw_" + id + "_");

        var listed = client().get()
                .uri("/api/v1/api-keys")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .toEntity(String.class);
        assertThat(listed.getBody()).contains("gateway-7").doesNotContain(key);

        var ingest = client().post()
                .uri("/api/v1/things")
                .header("X-API-Key", key)
                .retrieve()
                .toEntity(String.class);
        assertThat(ingest.getStatusCode()).isEqualTo(HttpStatus.OK);

        var notAdmin = client().get()
                .uri("/api/v1/api-keys")
                .header("X-API-Key", key)
                .retrieve()
                .toEntity(String.class);
        assertThat(notAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        var revoked = client().delete()
                .uri("/api/v1/api-keys/" + id)
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .toBodilessEntity();
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        var afterRevoke = client().post()
                .uri("/api/v1/things")
                .header("X-API-Key", key)
                .retrieve()
                .toEntity(String.class);
        assertThat(afterRevoke.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void invalidKeyRequestsAreProblemDetailsNamingTheField() {
        var response = client().post()
                .uri("/api/v1/api-keys")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "", "roles", List.of("INGEST")))
                .retrieve()
                .toEntity(Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("type", "urn:linewatch:problem:validation");
        assertThat(response.getBody().get("errors").toString()).contains("name");
    }
}
