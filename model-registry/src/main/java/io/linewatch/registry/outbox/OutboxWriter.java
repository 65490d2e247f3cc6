package io.linewatch.registry.outbox;

import io.linewatch.common.event.ModelEvent;
import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.common.outbox.OutboxRelay;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Appends an event to the outbox inside the caller's transaction (there must be one). */
@Component
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LineWatchTopics topics;
    private final OutboxRelay relay;

    OutboxWriter(JdbcClient jdbc, JsonMapper json, LineWatchTopics topics, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.topics = topics;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(ModelEvent event) {
        jdbc.sql("""
                        INSERT INTO outbox (topic, message_key, payload, created_at)
                        VALUES (:topic, :key, :payload, :createdAt)
                        """)
                .param("topic", topics.modelEvents())
                .param("key", event.modelName())
                .param("payload", json.writeValueAsString(event))
                .param("createdAt", Timestamp.from(event.occurredAt()))
                .update();
        relay.wakeUpAfterCommit();
    }
}
