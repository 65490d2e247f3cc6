package io.linewatch.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real consumer of the telemetry topic for tests: collects every record it sees, so a test can
 * wait for the records of its own machine and check each one's key and JSON value.
 */
public final class TelemetryTopic implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TelemetryTopic(String brokers, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Waits until at least {@code count} records keyed {@code machineId} arrived; returns them. */
    public synchronized List<ConsumerRecord<String, String>> await(String machineId, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return ofMachine(machineId).size() >= count;
        });
        return ofMachine(machineId);
    }

    /** Polls a little longer and returns everything seen for the machine (to prove absence). */
    public synchronized List<ConsumerRecord<String, String>> settle(String machineId) {
        for (int i = 0; i < 5; i++) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return ofMachine(machineId);
    }

    public static Map<String, Object> value(ConsumerRecord<String, String> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> value = JSON.readValue(record.value(), Map.class);
        return value;
    }

    private List<ConsumerRecord<String, String>> ofMachine(String machineId) {
        return seen.stream().filter(r -> machineId.equals(r.key())).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
