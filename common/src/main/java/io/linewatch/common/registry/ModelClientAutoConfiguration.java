package io.linewatch.common.registry;

import io.linewatch.common.kafka.LineWatchTopics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Creates the {@link ModelRegistryClient} when {@code linewatch.model-client.registry-url} is set,
 * and its Kafka listener unless {@code linewatch.model-client.events=false}. Services without the
 * property are unaffected.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "linewatch.model-client", name = "registry-url")
@EnableConfigurationProperties({ModelClientSettings.class, LineWatchTopics.class})
public class ModelClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    ModelRegistryClient modelRegistryClient(ModelClientSettings settings) {
        return new ModelRegistryClient(settings);
    }

    @Bean
    @ConditionalOnProperty(prefix = "linewatch.model-client", name = "events", matchIfMissing = true)
    ModelEventListener modelEventListener(
            ModelRegistryClient client, ModelClientSettings settings, LineWatchTopics topics, Environment env) {
        String servers = settings.bootstrapServers() != null
                        && !settings.bootstrapServers().isBlank()
                ? settings.bootstrapServers()
                : env.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092");
        return new ModelEventListener(client, servers, topics.modelEvents(), settings.groupIdPrefix());
    }
}
