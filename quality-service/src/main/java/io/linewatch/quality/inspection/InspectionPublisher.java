package io.linewatch.quality.inspection;

import io.linewatch.common.event.InspectionCompleted;
import io.linewatch.common.kafka.LineWatchTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link InspectionCompleted} as JSON on {@link LineWatchTopics#inspections()}, keyed by
 * line. Sent after the inspection row is committed; a failed send is logged, the stored inspection
 * stands (the row is the record of truth, the event a notification).
 */
@Component
class InspectionPublisher {

    private static final Logger log = LoggerFactory.getLogger(InspectionPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final JsonMapper json = JsonMapper.builder().build();

    InspectionPublisher(KafkaProperties properties, LineWatchTopics topics) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.kafka = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer()));
        this.topic = topics.inspections();
    }

    void publish(Inspection i) {
        InspectionCompleted event = new InspectionCompleted(
                InspectionCompleted.SCHEMA_VERSION,
                i.id(),
                i.line(),
                i.station(),
                i.productType(),
                i.serial(),
                i.verdict(),
                i.defectClass(),
                i.confidence(),
                i.probabilities(),
                i.modelName(),
                i.modelVersion(),
                i.inspectedAt());
        kafka.send(topic, i.line(), json.writeValueAsString(event)).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("InspectionCompleted {} not published: {}", i.id(), error.getMessage());
            }
        });
    }
}
