package io.linewatch.registry.outbox;

import io.linewatch.registry.RegistrySettings;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes unsent outbox rows in id order and marks them sent. One relay at a time across all
 * registry instances (a transaction-scoped advisory lock), so events of a model reach Kafka in
 * the order they were committed. A failed send leaves the rows unsent for the next round.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x4C57_4F55_5442_4F58L;

    private record Row(long id, String topic, String key, String payload) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final RegistrySettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread thread;
    private Instant lastPurge = Instant.EPOCH;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate tx,
            KafkaTemplate<String, String> outboxKafkaTemplate,
            RegistrySettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = outboxKafkaTemplate;
        this.settings = settings;
    }

    void wakeUp() {
        wakeUps.release();
    }

    /** Publishes up to one batch; returns how many rows were sent. */
    public int relayOnce() {
        Integer sent = tx.execute(status -> {
            boolean leader = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                    .param("key", RELAY_LOCK)
                    .query(Boolean.class)
                    .single());
            if (!leader) {
                return 0;
            }
            List<Row> rows = jdbc.sql("""
                            SELECT id, topic, message_key, payload FROM outbox
                            WHERE sent_at IS NULL ORDER BY id LIMIT :limit
                            """)
                    .param("limit", settings.outboxBatch())
                    .query((rs, n) -> new Row(
                            rs.getLong("id"),
                            rs.getString("topic"),
                            rs.getString("message_key"),
                            rs.getString("payload")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (Row row : rows) {
                sends.add(kafka.send(row.topic(), row.key(), row.payload()));
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("publishing " + rows.size() + " outbox event(s) failed", e);
            }
            jdbc.sql("UPDATE outbox SET sent_at = :now WHERE id IN (:ids)")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Deletes sent rows past the retention, at most hourly: the outbox is not an event archive. */
    private void purgeSent() {
        Instant now = Instant.now();
        if (lastPurge.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        lastPurge = now;
        int purged = jdbc.sql("DELETE FROM outbox WHERE sent_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(settings.outboxRetention())))
                .update();
        if (purged > 0) {
            log.info("Purged {} sent outbox row(s)", purged);
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                purgeSent();
                if (relayOnce() < settings.outboxBatch()) {
                    wakeUps.tryAcquire(settings.outboxPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed; retrying: {}", e.toString());
                // back off for one poll interval, but a commit's wake-up still starts the next round at once
                try {
                    wakeUps.tryAcquire(settings.outboxPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void start() {
        Thread relay = new Thread(this::loop, "outbox-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    @Override
    public void stop() {
        Thread relay = thread;
        thread = null;
        if (relay != null) {
            relay.interrupt();
            try {
                relay.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
