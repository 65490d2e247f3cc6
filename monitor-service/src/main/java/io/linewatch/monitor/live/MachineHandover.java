package io.linewatch.monitor.live;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Rebalances of the scoring group: a partition this consumer no longer owns after a rebalance
 * takes its machines' windows and health with it (the new owner rebuilds them); a partition kept
 * through an eager rebalance (revoked, then assigned again) keeps them. Machines of newly assigned
 * partitions are not known in advance, so they are taken over lazily on their first record (see
 * {@link MachineMonitor}).
 */
final class MachineHandover implements ConsumerAwareRebalanceListener {

    private final MachineMonitor monitor;
    private final Map<Consumer<?, ?>, Set<TopicPartition>> revoked = new ConcurrentHashMap<>();

    MachineHandover(MachineMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revoked.computeIfAbsent(consumer, c -> new HashSet<>()).addAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = revoked.remove(consumer);
        if (gone != null) {
            gone.removeAll(partitions);
            monitor.release(gone);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        monitor.release(partitions);
    }
}
