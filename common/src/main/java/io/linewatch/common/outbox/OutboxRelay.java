package io.linewatch.common.outbox;

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
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the unsent rows of one outbox table in id order (topic, key and payload as stored)
 * and marks them sent. One relay at a time per table across all instances of a service (a
 * transaction-scoped advisory lock keyed by the table), so events reach Kafka in commit order and
 * events of one key stay in order on their partition. A failed send (broker down) leaves the rows
 * unsent for the next round: nothing committed is lost. A crash between the send and the mark
 * publishes the rows again, so delivery is at least once; for the same reason the mark's commit
 * does not wait for its WAL flush ({@code synchronous_commit = off} for that transaction only):
 * the service's own transactions, which wrote the rows, stay fully durable.
 *
 * <p>Runs one daemon thread per relay, woken right after each commit that wrote a row
 * ({@link #wakeUpAfterCommit()}) and polling every {@link OutboxSettings#pollInterval()} as the
 * fallback. {@link #stop()} lets the round in flight finish (up to {@link #STOP_GRACE}), so a
 * normal shutdown never leaves rows published but unmarked, which another instance would publish
 * again. The relay owns its template's producer and closes it when the bean is destroyed.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** First key of the two-key advisory lock; the second is the table's oid. */
    private static final int LOCK_SPACE = 0x4C57_0B0C;

    /** How long {@link #stop()} waits for the round in flight before interrupting it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private record Row(long id, String topic, String key, String payload) {}

    private final String table;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;
    private Instant lastPurge = Instant.EPOCH;

    /**
     * @param table the outbox table, optionally schema-qualified ({@code monitor.anomaly_outbox})
     * @param kafka a producer of string keys and values; {@link #producer} builds the usual one
     */
    public OutboxRelay(
            String table,
            JdbcClient jdbc,
            TransactionTemplate tx,
            KafkaTemplate<String, String> kafka,
            OutboxSettings settings) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        this.table = table;
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
    }

    /**
     * The relay's producer on top of the service's Kafka properties: the outbox already holds the
     * event's JSON, so it is sent as a string (no type headers), idempotent, acknowledged by all
     * replicas, and never blocking a round longer than the send timeout on an unreachable broker.
     */
    public static KafkaTemplate<String, String> producer(Map<String, Object> base, OutboxSettings settings) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int timeout = (int) settings.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer()));
    }

    /**
     * Starts the next round as soon as the caller's transaction commits (publishing right after
     * the commit keeps event latency low); does nothing outside a transaction.
     */
    public void wakeUpAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeUps.release();
            }
        });
    }

    /** Publishes up to one batch; returns how many rows were sent. Throws when Kafka refused. */
    public int relayOnce() {
        Integer sent = tx.execute(status -> {
            boolean leader = Boolean.TRUE.equals(
                    jdbc.sql("SELECT pg_try_advisory_xact_lock(:space, to_regclass(:table)::oid::int)")
                            .param("space", LOCK_SPACE)
                            .param("table", table)
                            .query(Boolean.class)
                            .single());
            if (!leader) {
                return 0;
            }
            List<Row> rows = jdbc.sql("SELECT id, topic, message_key, payload FROM " + table
                            + " WHERE sent_at IS NULL ORDER BY id LIMIT :limit")
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
            publish(rows);
            // the mark need not wait for its own WAL flush: a mark lost in a database crash only
            // publishes its rows once more, which at-least-once delivery with stable event ids
            // allows; other relays see it at commit as always (durability changes, not visibility)
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
            jdbc.sql("UPDATE " + table + " SET sent_at = :now WHERE id IN (:ids)")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void publish(List<Row> rows) {
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
    }

    /** Rows not yet published. */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE sent_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** Deletes sent rows past the retention, at most hourly. */
    private void purgeSent() {
        Instant now = Instant.now();
        if (lastPurge.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        lastPurge = now;
        int purged = jdbc.sql("DELETE FROM " + table + " WHERE sent_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(settings.retention())))
                .update();
        if (purged > 0) {
            log.info("Purged {} sent row(s) from {}", purged, table);
        }
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                purgeSent();
                if (relayOnce() < settings.batch()) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Outbox relay round on {} failed; retrying: {}", table, e.toString());
                try {
                    // back off for one poll interval; a commit's wake-up still starts the next round at once
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void start() {
        Thread relay = new Thread(this::loop, "outbox-relay-" + table);
        relay.setDaemon(true);
        running = true;
        thread = relay;
        relay.start();
    }

    /**
     * Ends the loop after the round in flight: that round's rows are published and marked sent in
     * its transaction. Interrupting a round between Kafka's acknowledgement and the commit would
     * roll the marks back and have the rows published a second time. Only a round still running
     * after {@link #STOP_GRACE} (a broker that stopped answering) is interrupted; its rows stay
     * unsent for the next relay.
     */
    @Override
    public void stop() {
        Thread relay = thread;
        thread = null;
        running = false;
        if (relay == null) {
            return;
        }
        wakeUps.release(); // end the wait between rounds at once
        try {
            relay.join(STOP_GRACE.toMillis());
            if (relay.isAlive()) {
                log.warn("Outbox relay on {} still publishing after {}; interrupting it", table, STOP_GRACE);
                relay.interrupt();
                relay.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the relay's producer (built by {@link #producer}, owned by this relay). */
    @Override
    public void destroy() throws Exception {
        stop();
        if (kafka.getProducerFactory() instanceof DisposableBean factory) {
            factory.destroy();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
