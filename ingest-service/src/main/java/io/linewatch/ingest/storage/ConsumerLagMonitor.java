package io.linewatch.ingest.storage;

import io.linewatch.common.kafka.LineWatchTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumer lag of the storing group on the telemetry topic: records produced but not yet
 * committed as stored, summed over partitions (a partition the group never committed counts
 * from its earliest offset). One gauge per group keeps the cardinality bounded.
 */
@Component
class ConsumerLagMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final KafkaAdmin kafkaAdmin;
    private final String group;
    private final String topic;
    private volatile double lag = Double.NaN;
    private Admin admin;

    ConsumerLagMonitor(
            KafkaAdmin kafkaAdmin, StorageSettings settings, LineWatchTopics topics, MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.group = settings.groupId();
        this.topic = topics.telemetry();
        Gauge.builder("linewatch.storage.consumer.lag", this, m -> m.lag)
                .tag("group", group)
                .description("Telemetry records not yet stored by the storing consumer group (NaN until known)")
                .baseUnit("records")
                .register(registry);
    }

    double lag() {
        return lag;
    }

    synchronized void refresh() {
        try {
            if (admin == null) {
                admin = Admin.create(kafkaAdmin.getConfigurationProperties());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                latest.put(tp, OffsetSpec.latest());
                if (committed.get(tp) == null) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            });
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> starts = earliest.isEmpty()
                    ? Map.of()
                    : admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long total = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                long from =
                        done != null ? done.offset() : starts.get(end.getKey()).offset();
                total += Math.max(0, end.getValue().offset() - from);
            }
            lag = total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Consumer lag of group {} unknown for now: {}", group, e.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            // Bounded: with the broker gone an unbounded close holds up shutdown for about a minute.
            admin.close(Duration.ofSeconds(2));
        }
    }
}
