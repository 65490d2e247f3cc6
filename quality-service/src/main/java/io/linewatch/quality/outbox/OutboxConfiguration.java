package io.linewatch.quality.outbox;

import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.outbox.OutboxSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay of table {@code quality.outbox} (consumers dedupe on the inspection id). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaProperties kafka, OutboxSettings settings) {
        return new OutboxRelay(
                "outbox", jdbc, tx, OutboxRelay.producer(kafka.buildProducerProperties(), settings), settings);
    }
}
