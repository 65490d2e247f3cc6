package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The producer that writes poison records to the telemetry dead-letter topic. Unreadable records
 * are forwarded as their original bytes, readable ones that break the contract as JSON; either
 * way the headers say why ({@code kafka_dlt-exception-*}) and where from
 * ({@code kafka_dlt-original-*}). Kept out of the bean types Boot's Kafka auto-configuration
 * backs off from, so the service's own {@code KafkaTemplate} is unaffected.
 */
class StorageDeadLetters implements DisposableBean {

    private final DefaultKafkaProducerFactory<Object, Object> producerFactory;
    private final KafkaTemplate<Object, Object> template;
    private final String topic;

    StorageDeadLetters(Map<String, Object> producerProperties, String topic) {
        this.topic = topic;
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerFactory = new DefaultKafkaProducerFactory<>(
                producerProperties,
                serializer(Map.of(String.class, new StringSerializer(), byte[].class, new ByteArraySerializer())),
                serializer(Map.of(
                        byte[].class,
                        new ByteArraySerializer(),
                        TelemetrySample.class,
                        new JacksonJsonSerializer<>())));
        template = new KafkaTemplate<>(producerFactory);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializer(Map<Class<?>, Serializer<?>> delegates) {
        Serializer<?> serializer = new DelegatingByTypeSerializer(delegates);
        return (Serializer<Object>) serializer;
    }

    KafkaTemplate<Object, Object> template() {
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
