package io.linewatch.ingest.telemetry;

import io.linewatch.common.kafka.LineWatchTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sheds load while the storing consumer group lags more than {@code max-lag} records on the
 * telemetry topic. The lag is read every {@code check-interval} with the Kafka admin client;
 * requests only read the cached verdict. A group with no committed offsets (storage not running
 * yet) and a failed lag query both count as "no lag": a broker outage shows up as 503 from the
 * send path instead.
 */
@Component
class ConsumerLagBackpressure implements TelemetryBackpressure, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagBackpressure.class);

    private final BackpressureSettings settings;
    private final String topic;
    private final Admin admin;
    private volatile long lag;
    private volatile boolean shed;

    ConsumerLagBackpressure(
            BackpressureSettings settings, LineWatchTopics topics, KafkaProperties kafka, MeterRegistry meters) {
        this.settings = settings;
        this.topic = topics.telemetry();
        this.admin = settings.enabled() ? Admin.create(kafka.buildAdminProperties()) : null;
        Gauge.builder("linewatch.ingest.backpressure.lag", this, b -> b.lag)
                .description("Lag of the storing consumer group on the telemetry topic, as last read")
                .register(meters);
    }

    @Override
    public boolean shouldShed() {
        return shed;
    }

    @Scheduled(
            fixedDelayString = "${linewatch.ingest.backpressure.check-interval:5s}",
            initialDelayString = "${linewatch.ingest.backpressure.check-interval:5s}")
    void check() {
        if (admin == null) {
            return;
        }
        try {
            lag = readLag();
            boolean next = lag > settings.maxLag();
            if (next != shed) {
                log.warn(
                        next
                                ? "Storing consumer lag {} exceeds {}: refusing telemetry until it drains"
                                : "Storing consumer lag {} is within {} again: accepting telemetry",
                        lag,
                        settings.maxLag());
            }
            shed = next;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not read consumer lag: {}", e.toString());
            shed = false;
        }
    }

    long readLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(settings.groupId())
                .partitionsToOffsetAndMetadata()
                .get(3, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(3, TimeUnit.SECONDS);
        long total = 0;
        for (var e : committed.entrySet()) {
            total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
        return total;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
