package io.linewatch.quality.inspection;

import io.linewatch.common.event.InspectionCompleted;
import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.quality.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces {@link InspectionCompleted} as JSON on {@link LineWatchTopics#inspections()}, keyed by
 * line, through the outbox: the event row is written in the same transaction as the inspection
 * row, so an acknowledged inspection is always published (at least once) even if Kafka is down
 * when it is stored.
 */
@Component
class InspectionPublisher {

    private final OutboxWriter outbox;
    private final String topic;
    private final JsonMapper json = JsonMapper.builder().build();

    InspectionPublisher(OutboxWriter outbox, LineWatchTopics topics) {
        this.outbox = outbox;
        this.topic = topics.inspections();
    }

    /** Must run inside the transaction that inserts the inspection. */
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
        outbox.append(topic, i.line(), json.writeValueAsString(event));
    }
}
