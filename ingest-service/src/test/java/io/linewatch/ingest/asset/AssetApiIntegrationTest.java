package io.linewatch.ingest.asset;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.ingest.mqtt.enabled=false",
            "linewatch.storage.enabled=false"
        })
class AssetApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AssetCatalog catalog;

    ResponseEntity<Object> call(HttpMethod method, String path, Object body) {
        var request = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build()
                .method(method)
                .uri(path)
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(Object.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object body) {
        return (Map<String, Object>) body;
    }

    @Test
    void linesMachinesAndSensorsAreCreatedReadUpdatedAndDeletedAndTheCatalogFollows() {
        assertThat(call(HttpMethod.POST, "/api/v1/lines", Map.of("id", "l1", "name", "Line 1"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        var machine = call(
                HttpMethod.POST,
                "/api/v1/machines",
                Map.of("id", "cnc-7", "lineId", "l1", "type", "cnc", "description", "5-axis mill"));
        assertThat(machine.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(map(machine.getBody()))
                .containsEntry("autoRegistered", false)
                .containsEntry("lineId", "l1");

        var sensor = Map.of("name", "spindle_temp", "unit", "C", "min", 0, "max", 120, "samplingIntervalMs", 1000);
        assertThat(call(HttpMethod.PUT, "/api/v1/machines/cnc-7/sensors/spindle_temp", sensor)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(catalog.machine("cnc-7").sensor("spindle_temp")).isEqualTo(new SensorLimits(0, 120));

        var replaced = call(
                HttpMethod.PUT,
                "/api/v1/machines/cnc-7/sensors/spindle_temp",
                Map.of("name", "spindle_temp", "unit", "C", "max", 90));
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(catalog.machine("cnc-7").sensor("spindle_temp"))
                .isEqualTo(new SensorLimits(Double.NEGATIVE_INFINITY, 90));

        assertThat((List<?>)
                        call(HttpMethod.GET, "/api/v1/machines?lineId=l1", null).getBody())
                .hasSize(1);
        assertThat((List<?>) call(HttpMethod.GET, "/api/v1/machines/cnc-7/sensors", null)
                        .getBody())
                .hasSize(1);
        var updated =
                call(HttpMethod.PUT, "/api/v1/machines/cnc-7", Map.of("id", "cnc-7", "lineId", "l1", "type", "lathe"));
        assertThat(map(updated.getBody())).containsEntry("type", "lathe");

        assertThat(call(HttpMethod.DELETE, "/api/v1/lines/l1", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(call(HttpMethod.DELETE, "/api/v1/machines/cnc-7/sensors/spindle_temp", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(catalog.machine("cnc-7").sensor("spindle_temp")).isNull();
        assertThat(call(HttpMethod.DELETE, "/api/v1/machines/cnc-7", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(catalog.machine("cnc-7")).isNull();
        assertThat(call(HttpMethod.DELETE, "/api/v1/lines/l1", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void invalidAndConflictingAssetRequestsAreProblemDetailsNamingTheField() {
        call(HttpMethod.POST, "/api/v1/lines", Map.of("id", "l2", "name", "Line 2"));
        var duplicate = call(HttpMethod.POST, "/api/v1/lines", Map.of("id", "l2", "name", "again"));
        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(map(duplicate.getBody())).containsEntry("type", "urn:linewatch:problem:conflict");

        var badId = call(HttpMethod.POST, "/api/v1/machines", Map.of("id", "a/b,c"));
        assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badId.getBody().toString()).contains("field=id");

        var noLine = call(HttpMethod.POST, "/api/v1/machines", Map.of("id", "m-x", "lineId", "nowhere"));
        assertThat(noLine.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noLine.getBody().toString()).contains("lineId");

        call(HttpMethod.POST, "/api/v1/machines", Map.of("id", "m-y", "lineId", "l2"));
        var inverted = call(HttpMethod.PUT, "/api/v1/machines/m-y/sensors/p", Map.of("name", "p", "min", 10, "max", 1));
        assertThat(inverted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.GET, "/api/v1/machines/nope", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.PUT, "/api/v1/machines/nope/sensors/p", Map.of("name", "p"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
