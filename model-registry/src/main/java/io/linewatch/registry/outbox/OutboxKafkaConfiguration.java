package io.linewatch.registry.outbox;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.registry.RegistrySettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's own producer: the outbox already holds the event's JSON, so it is sent as a string
 * (no type headers), idempotent and acknowledged by all replicas.
 */
@Configuration(proxyBeanMethods = false)
class OutboxKafkaConfiguration {

    @Bean
    KafkaTemplate<String, String> outboxKafkaTemplate(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer()));
    }

    @Bean
    NewTopic modelEventsTopic(LineWatchTopics topics, RegistrySettings settings) {
        return TopicBuilder.name(topics.modelEvents())
                .partitions(settings.modelEventPartitions())
                .replicas(topics.replicationFactor())
                .build();
    }
}
