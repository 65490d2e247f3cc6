package io.linewatch.common.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** {@link RegistrySource} over the registry's REST API ({@code /api/v1/models}). */
class HttpRegistrySource implements RegistrySource {

    private final RestClient http;

    HttpRegistrySource(ModelClientSettings settings) {
        var factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(settings.requestTimeout());
        factory.setReadTimeout(settings.requestTimeout());
        RestClient.Builder builder =
                RestClient.builder().baseUrl(settings.registryUrl().toString()).requestFactory(factory);
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.defaultHeader("X-API-Key", settings.apiKey());
        }
        this.http = builder.build();
    }

    @Override
    public Optional<ModelVersionInfo> resolve(String modelName, String alias) {
        return versionAt(modelName + "@" + alias, "/api/v1/models/{name}/aliases/{alias}", modelName, alias);
    }

    @Override
    public Optional<ModelVersionInfo> version(String modelName, int version) {
        return versionAt(modelName + " v" + version, "/api/v1/models/{name}/versions/{version}", modelName, version);
    }

    /** A version description at {@code uri}; empty on 404. */
    private Optional<ModelVersionInfo> versionAt(String what, String uri, Object... variables) {
        return http.get().uri(uri, variables).exchange((request, response) -> {
            if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return Optional.<ModelVersionInfo>empty();
            }
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw new IllegalStateException("registry answered " + response.getStatusCode() + " reading " + what);
            }
            return Optional.ofNullable(response.bodyTo(ModelVersionInfo.class));
        });
    }

    @Override
    public void download(String modelName, int version, OutputStream sink) throws IOException {
        try {
            http.get()
                    .uri("/api/v1/models/{name}/versions/{version}/artifact", modelName, version)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new IllegalStateException("registry answered " + response.getStatusCode()
                                    + " downloading " + modelName + " v" + version);
                        }
                        try (var body = response.getBody()) {
                            body.transferTo(sink);
                        }
                        return null;
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
