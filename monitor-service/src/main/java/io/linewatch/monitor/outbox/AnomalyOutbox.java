package io.linewatch.monitor.outbox;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.common.outbox.OutboxRelay;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Appends an anomaly event to the outbox inside the caller's transaction (there must be one). */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
public class AnomalyOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String topic;
    private final OutboxRelay relay;

    AnomalyOutbox(JdbcClient jdbc, JsonMapper json, LineWatchTopics topics, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.topic = topics.anomalies();
        this.relay = relay;
    }

    /**
     * Writes the event for the machine's partition (key = machine id). An event id already in the
     * outbox (the same transition scored again after a redelivery) is ignored; returns whether a
     * row was added.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean append(String machineId, UUID eventId, Object event) {
        int added = jdbc.sql("""
                        INSERT INTO monitor.anomaly_outbox (event_id, topic, message_key, payload, created_at)
                        VALUES (:eventId, :topic, :key, :payload, :createdAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("eventId", eventId)
                .param("topic", topic)
                .param("key", machineId)
                .param("payload", json.writeValueAsString(event))
                .param("createdAt", Timestamp.from(Instant.now()))
                .update();
        if (added > 0) {
            relay.wakeUpAfterCommit(); // alert latency: publish right after the commit
        }
        return added > 0;
    }
}
