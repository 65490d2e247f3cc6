package io.linewatch.common.registry;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * Registers trained networks in the model registry over its REST API (the services' training jobs
 * use it): creates the registered model if it is missing, then uploads the artifact and its
 * metadata as a new version. The registry validates the artifact against the metadata's contract
 * before it stores anything; a refusal comes back as an {@link IOException} with the registry's
 * problem detail.
 */
public final class RegistryUploader {

    private final RestClient http;
    private final JsonMapper json;

    /** @param apiKey a key with role {@code MODEL_ADMIN}; null or blank sends none */
    public RegistryUploader(String registryUrl, String apiKey, JsonMapper json) {
        RestClient.Builder builder = RestClient.builder().baseUrl(registryUrl);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.defaultHeader("X-API-Key", apiKey);
        }
        this.http = builder.build();
        this.json = json;
    }

    /** Creates model {@code modelName} if missing, registers the version, returns its number. */
    public int register(
            String modelName, String task, String description, byte[] artifact, Map<String, Object> metadata)
            throws IOException {
        http.post()
                .uri("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", modelName, "task", task, "description", description))
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
        return upload(modelName, artifact, metadata);
    }

    /** Registers an artifact with the given metadata as a new version of an existing model. */
    public int upload(String modelName, byte[] artifact, Map<String, Object> metadata) throws IOException {
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

    /** The artifact digest the registry checks the upload against (lower-case hex). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
