package io.linewatch.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.linewatch.common.test.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay against a real PostgreSQL table and the embedded KRaft broker: rows reach the topic
 * in id order, and stopping a relay while it publishes (a service shutting down, a rolling
 * restart) never leaves rows published but unmarked, which the next relay would publish again.
 */
class OutboxRelayIntegrationTest {

    static final String TOPIC = "outbox-events";
    static final int ROWS = 6000;

    static EmbeddedKafkaKraftBroker kafka;
    static String database;
    static HikariDataSource dataSource;
    static JdbcClient jdbc;
    static TransactionTemplate tx;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        kafka.afterPropertiesSet();
        String url = TestPostgres.createDatabase("outbox");
        database = url.substring(url.lastIndexOf('/') + 1);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(TestPostgres.USER);
        dataSource.setPassword(TestPostgres.PASSWORD);
        dataSource.setMaximumPoolSize(4);
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.sql("""
                CREATE TABLE outbox (
                    id          bigserial PRIMARY KEY,
                    topic       text        NOT NULL,
                    message_key text        NOT NULL,
                    payload     text        NOT NULL,
                    sent_at     timestamptz)""").update();
    }

    @AfterAll
    static void stop() {
        dataSource.close();
        TestPostgres.dropDatabase(database);
        kafka.destroy();
    }

    @Test
    void aRelayStoppedWhilePublishingLeavesNothingToPublishTwice() throws Exception {
        jdbc.sql("INSERT INTO outbox (topic, message_key, payload) "
                        + "SELECT :topic, 'machine-' || (n % 7), 'event-' || n FROM generate_series(1, :rows) n")
                .param("topic", TOPIC)
                .param("rows", ROWS)
                .update();
        // small rounds, so every stop below lands while rounds are being published
        var settings = new OutboxSettings(Duration.ofSeconds(1), 50, Duration.ofDays(7), Duration.ofSeconds(10));
        int restarts = 0;
        while (sent() < ROWS) {
            long before = sent();
            var relay = new OutboxRelay(
                    "outbox",
                    jdbc,
                    tx,
                    OutboxRelay.producer(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()), settings),
                    settings);
            relay.start();
            // stopped as soon as it has published something, so it stops with rows left
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> sent() > before);
            relay.destroy(); // stop() and close the producer, mid-publication
            assertThat(relay.isRunning()).isFalse();
            restarts++;
        }
        assertThat(restarts).as("relays stopped while rows were left").isGreaterThan(5);

        List<String> published = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG, "outbox-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> published.add(r.value()));
                return published.size() >= ROWS;
            });
            // nothing more trickles in: each row was published exactly once
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> published.add(r.value()));
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= ROWS; n++) {
            expected.add("event-" + n);
        }
        assertThat(published).containsExactlyElementsOf(expected);
    }

    private static long sent() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")
                .query(Long.class)
                .single();
    }
}
