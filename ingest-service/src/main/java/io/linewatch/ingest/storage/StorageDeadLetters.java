package io.linewatch.ingest.storage;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer that writes poison records to the telemetry dead-letter topic: key and value bytes
 * as they arrived (the deserializer kept them), and headers that say why ({@code kafka_dlt-exception-*}) and where from
 * ({@code kafka_dlt-original-*}). Kept out of the bean types Boot's Kafka auto-configuration
 * backs off from, so the service's own {@code KafkaTemplate} is unaffected.
 */
class StorageDeadLetters implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> template;
    private final String topic;

    StorageDeadLetters(Map<String, Object> producerProperties, String topic) {
        this.topic = topic;
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerFactory = new DefaultKafkaProducerFactory<>(
                producerProperties, new StringSerializer(), new ByteArraySerializer());
        template = new KafkaTemplate<>(producerFactory);
    }

    KafkaTemplate<String, byte[]> template() {
        return template;
    }

    String topic() {
        return topic;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
