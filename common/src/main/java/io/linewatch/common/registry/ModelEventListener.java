package io.linewatch.common.registry;

import io.linewatch.common.event.ModelEvent;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to model events in a consumer group of its own (a random suffix per instance), so
 * every instance of a service sees every event, and starts at the end of the topic: the current
 * state comes from resolving the alias, which it does again each time partitions are assigned so
 * nothing that happened while it was disconnected is missed.
 */
public final class ModelEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelEventListener.class);

    private final KafkaMessageListenerContainer<String, String> container;

    ModelEventListener(ModelRegistryClient client, String bootstrapServers, String topic, String groupIdPrefix) {
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        var consumers = new DefaultKafkaConsumerFactory<String, String>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        groupIdPrefix + "-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener((MessageListener<String, String>) (ConsumerRecord<String, String> record) -> {
            try {
                client.onEvent(json.readValue(record.value(), ModelEvent.class));
            } catch (RuntimeException e) {
                // A malformed event must not stop the stream; the periodic re-check covers it.
                log.warn("Ignoring unreadable model event at offset {}: {}", record.offset(), e.toString());
            }
        });
        properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                client.refreshAll();
            }
        });
        this.container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setBeanName("model-event-listener");
    }

    /** True once the listener has partitions, i.e. it will see the next event. */
    public boolean assigned() {
        return container.getAssignedPartitions() != null
                && !container.getAssignedPartitions().isEmpty();
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
