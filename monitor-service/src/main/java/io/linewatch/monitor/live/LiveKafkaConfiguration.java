package io.linewatch.monitor.live;

import io.linewatch.common.event.TelemetrySample;
import io.linewatch.common.kafka.LineWatchTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The scoring consumer's own container factory: batch listener, manual batch acks, JSON values
 * of a fixed type (no type headers trusted) behind an {@link ErrorHandlingDeserializer}, so an
 * unreadable record becomes a null value that the listener reports by index and the error handler
 * sends, as the original bytes, to the telemetry dead-letter topic without retrying.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class LiveKafkaConfiguration {

    static final String CONTAINER_FACTORY = "telemetryScoringContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, TelemetrySample> telemetryScoringContainerFactory(
            KafkaProperties kafka, LiveScoringSettings settings, LineWatchTopics topics, MachineMonitor monitor) {
        Map<String, Object> props = withoutSerdeSettings(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        var values = new ErrorHandlingDeserializer<TelemetrySample>(
                new JacksonJsonDeserializer<>(TelemetrySample.class, false));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, TelemetrySample>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, StringDeserializer::new, () -> values));
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        // machines of partitions lost in a rebalance are dropped; the new owner takes them over
        factory.getContainerProperties().setConsumerRebalanceListener(new MachineHandover(monitor));
        Map<String, Object> producer = withoutSerdeSettings(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        var template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()));
        String deadLetters = topics.telemetryDeadLetter();
        var recoverer =
                new DeadLetterPublishingRecoverer(template, (record, ex) -> new TopicPartition(deadLetters, -1));
        // deserialization failures are not retried (DefaultErrorHandler's default); others get 3 tries
        factory.setCommonErrorHandler(new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2L)));
        return factory;
    }

    /** The monitor is the producer of the anomalies topic. */
    @Bean
    NewTopic anomaliesTopic(LineWatchTopics topics) {
        return TopicBuilder.name(topics.anomalies())
                .partitions(topics.telemetryPartitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    static Map<String, Object> withoutSerdeSettings(Map<String, Object> properties) {
        Map<String, Object> copy = new HashMap<>(properties);
        copy.keySet().removeIf(key -> key.startsWith("spring.json.") || key.startsWith("spring.deserializer."));
        return copy;
    }
}
