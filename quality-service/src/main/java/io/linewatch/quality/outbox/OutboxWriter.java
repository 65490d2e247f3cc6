package io.linewatch.quality.outbox;

import io.linewatch.common.outbox.OutboxRelay;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends an event to the outbox inside the caller's transaction (there must be one). */
@Component
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    OutboxWriter(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String payload) {
        jdbc.sql("""
                        INSERT INTO outbox (topic, message_key, payload, created_at)
                        VALUES (:topic, :key, :payload, :createdAt)
                        """)
                .param("topic", topic)
                .param("key", key)
                .param("payload", payload)
                .param("createdAt", Timestamp.from(Instant.now()))
                .update();
        relay.wakeUpAfterCommit();
    }
}
