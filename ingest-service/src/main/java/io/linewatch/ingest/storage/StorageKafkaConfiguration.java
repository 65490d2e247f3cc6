package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.ingest.codec.TelemetrySampleDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The storing consumer's own container factory, so its group, batch size and error handling
 * do not depend on (or change) the service's other Kafka clients. Deserialization failures and
 * contract violations go to the dead-letter topic at once; database failures are retried with
 * exponential back-off and no limit, because telemetry must not be dead-lettered for an outage.
 */
@Configuration(proxyBeanMethods = false)
class StorageKafkaConfiguration {

    static final String CONTAINER_FACTORY = "telemetryStorageContainerFactory";

    /** Dead-letter header with the innermost failure message, e.g. the broken contract rule. */
    static final String REASON_HEADER = "linewatch_dlt-reason";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, TelemetrySample> telemetryStorageContainerFactory(
            KafkaProperties kafka, StorageSettings settings, StorageDeadLetters deadLetters) {
        Map<String, Object> props = withoutSerdeSettings(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                settings.fetchMaxWait().toMillis());

        var factory = new ConcurrentKafkaListenerContainerFactory<String, TelemetrySample>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                props, StringDeserializer::new, StorageKafkaConfiguration::sampleDeserializer));
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.setCommonErrorHandler(errorHandler(settings, deadLetters));
        return factory;
    }

    @Bean
    StorageDeadLetters storageDeadLetters(KafkaProperties kafka, LineWatchTopics topics) {
        return new StorageDeadLetters(
                withoutSerdeSettings(kafka.buildProducerProperties()), topics.telemetryDeadLetter());
    }

    private static DefaultErrorHandler errorHandler(StorageSettings settings, StorageDeadLetters deadLetters) {
        String deadLetterTopic = deadLetters.topic();
        var recoverer = new DeadLetterPublishingRecoverer(
                deadLetters.template(), (record, ex) -> new TopicPartition(deadLetterTopic, -1));
        recoverer.setHeadersFunction((record, ex) -> new RecordHeaders(
                List.of(new RecordHeader(REASON_HEADER, rootMessage(ex).getBytes(StandardCharsets.UTF_8)))));
        var backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonSampleException.class);
        // Dead-lettering a poison record is handled, expected behaviour: WARN, not ERROR.
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    /**
     * The value type is fixed and type headers from producers are ignored, so no package is
     * trusted; what LineWatch writes is read without databinding, anything else by Jackson. A record that is not JSON, or breaks the sample contract, becomes a null value
     * with the failure and the original bytes in headers.
     */
    private static ErrorHandlingDeserializer<TelemetrySample> sampleDeserializer() {
        var deserializer = new ErrorHandlingDeserializer<TelemetrySample>(new TelemetrySampleDeserializer());
        deserializer.setValidator(new SampleContract());
        return deserializer;
    }

    /** Declared so the dead-letter topic exists where brokers do not auto-create topics; low volume. */
    @Bean
    NewTopic telemetryDeadLetterTopic(LineWatchTopics topics) {
        return TopicBuilder.name(topics.telemetryDeadLetter())
                .partitions(1)
                .replicas(topics.replicationFactor())
                .build();
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }

    /** Serde settings meant for the service's other clients would clash with the instances set here. */
    static Map<String, Object> withoutSerdeSettings(Map<String, Object> properties) {
        Map<String, Object> copy = new HashMap<>(properties);
        copy.keySet().removeIf(key -> key.startsWith("spring.json.") || key.startsWith("spring.deserializer."));
        return copy;
    }
}
