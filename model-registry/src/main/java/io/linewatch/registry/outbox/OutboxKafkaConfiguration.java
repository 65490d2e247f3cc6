package io.linewatch.registry.outbox;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.outbox.OutboxSettings;
import io.linewatch.registry.RegistrySettings;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay of table {@code registry.outbox} and the topic it publishes to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxKafkaConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaProperties kafka, OutboxSettings settings) {
        return new OutboxRelay(
                "outbox", jdbc, tx, OutboxRelay.producer(kafka.buildProducerProperties(), settings), settings);
    }

    @Bean
    NewTopic modelEventsTopic(LineWatchTopics topics, RegistrySettings settings) {
        return TopicBuilder.name(topics.modelEvents())
                .partitions(settings.modelEventPartitions())
                .replicas(topics.replicationFactor())
                .build();
    }
}
