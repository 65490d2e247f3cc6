package io.linewatch.ingest.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/telemetryStorage}: DOWN when the storing consumer should run but its
 * container is stopped; the last known lag is a detail. It is not part of the readiness group by
 * default, because HTTP ingest keeps working (into Kafka) while storage catches up.
 */
@Component("telemetryStorage")
class TelemetryStorageHealth implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;
    private final ConsumerLagMonitor lag;
    private final StorageSettings settings;

    TelemetryStorageHealth(KafkaListenerEndpointRegistry registry, ConsumerLagMonitor lag, StorageSettings settings) {
        this.registry = registry;
        this.lag = lag;
        this.settings = settings;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        MessageListenerContainer container = registry.getListenerContainer(TelemetryStorageListener.ID);
        boolean running = container != null && container.isRunning();
        Health.Builder health = running ? Health.up() : Health.down();
        health.withDetail("group", settings.groupId()).withDetail("running", running);
        if (!Double.isNaN(lag.lag())) {
            health.withDetail("lag", (long) lag.lag());
        }
        return health.build();
    }
}
