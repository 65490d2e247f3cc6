package io.linewatch.ingest.telemetry;

import io.linewatch.common.kafka.LineWatchTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the telemetry topic so KafkaAdmin creates it with the configured partition count. */
@Configuration(proxyBeanMethods = false)
class TelemetryKafkaConfiguration {

    @Bean
    NewTopic telemetryTopic(LineWatchTopics topics) {
        return TopicBuilder.name(topics.telemetry())
                .partitions(topics.telemetryPartitions())
                .replicas(topics.replicationFactor())
                .build();
    }
}
