package io.linewatch.quality.trainingjob;

import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.RegistryArtifact;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a trained bundle as a new version of a {@code defect-cnn} model: the artifact in the
 * registry's form ({@link RegistryArtifact}, which the serving loader reads back) and, as version
 * metadata, the contract (labels, input size, channels), normalisation and thresholds, plus
 * metrics, hyperparameters and lineage.
 */
final class RegistryPublisher {

    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    RegistryPublisher(String registryUrl, String apiKey) {
        RestClient.Builder builder = RestClient.builder().baseUrl(registryUrl);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.defaultHeader("X-API-Key", apiKey);
        }
        this.http = builder.build();
    }

    /** Creates the model if missing, registers the version and returns its number. */
    int register(
            String modelName,
            String description,
            ModelBundle bundle,
            Map<String, Object> metrics,
            Map<String, Object> lineage,
            Map<String, String> tags)
            throws IOException {
        http.post()
                .uri("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "name",
                        modelName,
                        "task",
                        RegistryArtifact.TASK,
                        "description",
                        "defect classifier trained by quality-service training jobs"))
                .exchange((request, response) -> {
                    // 409: the model exists already, the usual case for a new version
                    if (!response.getStatusCode().is2xxSuccessful()
                            && response.getStatusCode() != HttpStatus.CONFLICT) {
                        throw new IOException(
                                "registry refused to create model " + modelName + ": " + response.getStatusCode() + " "
                                        + new String(response.getBody().readAllBytes()));
                    }
                    return null;
                });
        byte[] artifact = RegistryArtifact.write(bundle);
        Map<String, Object> metadata = new LinkedHashMap<>(RegistryArtifact.describe(bundle.contract()));
        metadata.put("description", description);
        metadata.put("sha256", sha256(artifact));
        metadata.put("format", "dl4j-zip");
        metadata.put("metrics", metrics);
        metadata.put("hyperparameters", bundle.contract().training());
        metadata.put("trainingData", lineage);
        metadata.put("tags", tags);
        return upload(modelName, artifact, metadata);
    }

    /** Registers an artifact with the given metadata as a new version; returns its number. */
    int upload(String modelName, byte[] artifact, Map<String, Object> metadata) throws IOException {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders artifactHeaders = new HttpHeaders();
        artifactHeaders.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(
                "artifact",
                new HttpEntity<>(
                        new ByteArrayResource(artifact) {
                            @Override
                            public String getFilename() {
                                return modelName + ".zip";
                            }
                        },
                        artifactHeaders));
        HttpHeaders metadataHeaders = new HttpHeaders();
        metadataHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add("metadata", new HttpEntity<>(json.writeValueAsString(metadata), metadataHeaders));
        JsonNode created = http.post()
                .uri("/api/v1/models/{name}/versions", modelName)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange((request, response) -> {
                    String body = new String(response.getBody().readAllBytes());
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new IOException("registry refused the version: " + response.getStatusCode() + " " + body);
                    }
                    return json.readTree(body);
                });
        return created.get("version").asInt();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
