package io.linewatch.monitor.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes unsent anomaly outbox rows in id order (key = machine id) and marks them sent. One
 * relay at a time across all monitor instances (a transaction-scoped advisory lock), so a
 * machine's events reach its partition in the order they were committed. A failed send (broker
 * down) leaves the rows unsent for the next round; scoring goes on meanwhile. Delivery is at least
 * once: a crash after the send and before the mark publishes the rows again with the same
 * {@code eventId}.
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
public class AnomalyOutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnomalyOutboxRelay.class);
    private static final long RELAY_LOCK = 0x4C57_4D4F_4E4F_5458L;

    private record Row(long id, String topic, String key, String payload) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread thread;
    private Instant lastPurge = Instant.EPOCH;

    @Autowired
    AnomalyOutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaProperties properties, OutboxSettings settings) {
        this(jdbc, tx, template(properties.buildProducerProperties(), settings), settings);
    }

    /** A relay on a given producer (tests use one aimed at an unreachable broker). */
    public AnomalyOutboxRelay(
            JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka, OutboxSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
    }

    /** The relay's producer: idempotent, acks=all, never blocking longer than the send timeout. */
    public static KafkaTemplate<String, String> template(Map<String, Object> base, OutboxSettings settings) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A round never blocks longer than its send timeout on an unreachable broker.
        int timeout = (int) settings.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer()));
    }

    void wakeUp() {
        wakeUps.release();
    }

    /** Publishes up to one batch; returns how many rows were sent. Throws when Kafka refused. */
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
                            SELECT id, topic, message_key, payload FROM monitor.anomaly_outbox
                            WHERE sent_at IS NULL ORDER BY id LIMIT :limit
                            """)
                    .param("limit", settings.batch())
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
            try {
                for (Row row : rows) {
                    sends.add(kafka.send(row.topic(), row.key(), row.payload()));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing outbox events", e);
            } catch (Exception e) {
                throw new IllegalStateException("publishing " + rows.size() + " outbox event(s) failed", e);
            }
            jdbc.sql("UPDATE monitor.anomaly_outbox SET sent_at = :now WHERE id IN (:ids)")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Rows not yet published. */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM monitor.anomaly_outbox WHERE sent_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** Deletes sent rows past the retention, at most hourly: the outbox is not an event archive. */
    private void purgeSent() {
        Instant now = Instant.now();
        if (lastPurge.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        lastPurge = now;
        jdbc.sql("DELETE FROM monitor.anomaly_outbox WHERE sent_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(settings.retention())))
                .update();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                purgeSent();
                if (relayOnce() < settings.batch()) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed; retrying: {}", e.toString());
                try {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void start() {
        Thread relay = new Thread(this::loop, "anomaly-outbox-relay");
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
