package io.linewatch.monitor.outbox;

import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.outbox.OutboxSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay of table {@code monitor.anomaly_outbox}: publishes in id order (key = machine id), so
 * a machine's Detected and Cleared reach its partition in the order they were committed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OutboxSettings.class)
class AnomalyOutboxConfiguration {

    @Bean
    OutboxRelay anomalyOutboxRelay(
            JdbcClient jdbc, TransactionTemplate tx, KafkaProperties kafka, OutboxSettings settings) {
        return new OutboxRelay(
                "monitor.anomaly_outbox",
                jdbc,
                tx,
                OutboxRelay.producer(kafka.buildProducerProperties(), settings),
                settings);
    }
}
