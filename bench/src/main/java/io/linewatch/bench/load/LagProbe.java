package io.linewatch.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The storing consumer group's position on the telemetry topic, as any operator would read it:
 * end offsets ({@code listOffsets latest}) against the group's committed offsets. A partition the
 * group has not committed yet counts from the offset it had when the probe started.
 */
final class LagProbe implements AutoCloseable {

    /** Sum over partitions: produced = end offsets, committed = group offsets, lag = the difference. */
    record Position(long produced, long committed) {
        long lag() {
            return produced - committed;
        }
    }

    private final Admin admin;
    private final String topic;
    private final String group;
    private Map<TopicPartition, Long> floor;

    LagProbe(String bootstrap, String topic, String group) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        this.topic = topic;
        this.group = group;
    }

    Position position() throws InterruptedException, ExecutionException, TimeoutException {
        if (floor == null) {
            floor = offsets(OffsetSpec.earliest());
        }
        Map<TopicPartition, Long> ends = offsets(OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long produced = 0;
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            produced += e.getValue();
            done += c != null ? c.offset() : floor.getOrDefault(e.getKey(), 0L);
        }
        return new Position(produced, done);
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close();
    }
}
