package io.linewatch.common.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.model-client.*}; the client is created only when {@code registry-url} is set.
 *
 * @param registryUrl base URL of model-registry, e.g. {@code http://model-registry:8084}
 * @param apiKey a key with role READ (from a secret, e.g. {@code LINEWATCH_MODEL_CLIENT_API_KEY})
 * @param cacheDir where verified artifacts are kept, so a restart need not download again;
 *     default {@code <java.io.tmpdir>/linewatch-model-cache}
 * @param recheckInterval how often every subscription re-resolves its alias, the safety net for
 *     a missed event
 * @param events whether to listen to model events on Kafka (off only where Kafka is absent)
 * @param bootstrapServers Kafka for model events; empty means {@code spring.kafka.bootstrap-servers}
 * @param groupIdPrefix each instance joins its own consumer group {@code prefix-<random>} so
 *     every instance sees every event
 * @param requestTimeout connect and read timeout of registry calls
 * @param keepVersions how many verified artifacts per model stay in the cache
 */
@Validated
@ConfigurationProperties("linewatch.model-client")
public record ModelClientSettings(
        @NotNull URI registryUrl,
        String apiKey,
        Path cacheDir,
        @DefaultValue("60s") @NotNull Duration recheckInterval,
        @DefaultValue("true") boolean events,
        String bootstrapServers,
        @DefaultValue("linewatch-model-client") @NotBlank String groupIdPrefix,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("3") int keepVersions) {

    public Path cacheDirOrDefault() {
        return cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"), "linewatch-model-cache");
    }
}
