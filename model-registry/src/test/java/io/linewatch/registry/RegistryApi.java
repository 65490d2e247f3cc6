package io.linewatch.registry;

import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** The registry's REST API as a test (or the benchmark) calls it, with one API key. */
public class RegistryApi {

    private final RestClient http;

    public RegistryApi(int port, String key) {
        RestClient.Builder builder = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {});
        if (key != null) {
            builder.defaultHeader("X-API-Key", key);
        }
        this.http = builder.build();
    }

    public RestClient http() {
        return http;
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> createModel(String name, String task, Map<String, String> tags) {
        return http.post()
                .uri("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "task", task, "description", "test model " + name, "tags", tags))
                .retrieve()
                .toEntity(Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> register(String name, byte[] artifact, String metadata) {
        var fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        fileHeaders.setContentDisposition(ContentDisposition.formData()
                .name("artifact")
                .filename("model.bin")
                .build());
        var jsonHeaders = new HttpHeaders();
        jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("artifact", new HttpEntity<>(new ByteArrayResource(artifact), fileHeaders));
        parts.add("metadata", new HttpEntity<>(metadata, jsonHeaders));
        return http.post()
                .uri("/api/v1/models/{name}/versions", name)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> setAlias(String name, String alias, int version, String reason) {
        return http.put()
                .uri("/api/v1/models/{name}/aliases/{alias}", name, alias)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", version, "reason", reason))
                .retrieve()
                .toEntity(Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> get(String uri, Object... variables) {
        return http.get().uri(uri, variables).retrieve().toEntity(Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<List> list(String uri, Object... variables) {
        return http.get().uri(uri, variables).retrieve().toEntity(List.class);
    }

    public ResponseEntity<byte[]> download(String name, int version) {
        return http.get()
                .uri("/api/v1/models/{name}/versions/{version}/artifact", name, version)
                .retrieve()
                .toEntity(byte[].class);
    }
}
