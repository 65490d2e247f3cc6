package io.linewatch.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * What every LineWatch service promises operators, checked against a running instance: health
 * probes open, everything else behind a key, an OpenAPI document that declares the key schemes,
 * and Prometheus metrics for keys.
 */
public final class ServiceContract {

    private ServiceContract() {}

    public static void assertOperable(int port) {
        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();

        assertThat(status(client, "/actuator/health/liveness", null)).isEqualTo(HttpStatus.OK);
        assertThat(status(client, "/actuator/health/readiness", null)).isEqualTo(HttpStatus.OK);
        assertThat(status(client, "/v3/api-docs", null)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(client, "/actuator/prometheus", null)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(client, "/actuator/prometheus", TestKeys.BOOTSTRAP_ADMIN))
                .isEqualTo(HttpStatus.OK);

        var docs = client.get()
                .uri("/v3/api-docs")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .toEntity(String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"openapi\"").contains("X-API-Key");
    }

    private static HttpStatus status(RestClient client, String path, String key) {
        var request = client.get().uri(path);
        if (key != null) {
            request = request.header("X-API-Key", key);
        }
        return HttpStatus.valueOf(
                request.retrieve().toBodilessEntity().getStatusCode().value());
    }
}
