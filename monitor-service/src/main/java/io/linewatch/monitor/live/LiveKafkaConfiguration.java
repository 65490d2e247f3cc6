package io.linewatch.monitor.live;

import io.linewatch.common.kafka.LineWatchTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import org.springframework.util.backoff.FixedBackOff;

/**
 * The scoring consumer's own container factory: batch listener, manual batch acks, values as the
 * record's bytes ({@link MachineMonitor} reads the JSON itself, see {@link TelemetryReader}), so an
 * unreadable record is reported by index and the error handler sends its original bytes to the
 * telemetry dead-letter topic without retrying. The socket receive buffer is left to the OS
 * (autotuned) instead of Kafka's 64 KiB, so the next fetch (sent before the listener runs)
 * arrives while the batch is scored instead of being read during the next poll.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class LiveKafkaConfiguration {

    static final String CONTAINER_FACTORY = "telemetryScoringContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> telemetryScoringContainerFactory(
            KafkaProperties kafka, LiveScoringSettings settings, LineWatchTopics topics, MachineMonitor monitor) {
        Map<String, Object> props = withoutSerdeSettings(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(props, StringDeserializer::new, ByteArrayDeserializer::new));
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        // a synchronous commit after every poll waited on the group coordinator for about as long
        // as the streaming forecaster's network ran (JFR, 10,000-machine backlog); scoring is
        // idempotent under redelivery, so by default the next poll does not wait for it
        factory.getContainerProperties().setSyncCommits(settings.syncCommits());
        // machines of partitions lost in a rebalance are dropped; the new owner takes them over
        factory.getContainerProperties().setConsumerRebalanceListener(new MachineHandover(monitor));
        Map<String, Object> producer = withoutSerdeSettings(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        var template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()));
        String deadLetters = topics.telemetryDeadLetter();
        var recoverer =
                new DeadLetterPublishingRecoverer(template, (record, ex) -> new TopicPartition(deadLetters, -1));
        // unreadable records are not retried; other failures (database down) get 3 tries
        var errors = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2L));
        errors.addNotRetryableExceptions(UnreadableTelemetryException.class);
        factory.setCommonErrorHandler(errors);
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
