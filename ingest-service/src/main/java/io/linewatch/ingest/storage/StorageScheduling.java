package io.linewatch.ingest.storage;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs partition maintenance and the lag gauge at the intervals of {@link StorageSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageScheduling implements SchedulingConfigurer {

    private final PartitionMaintenance maintenance;
    private final ConsumerLagMonitor lag;
    private final StorageSettings settings;

    StorageScheduling(PartitionMaintenance maintenance, ConsumerLagMonitor lag, StorageSettings settings) {
        this.maintenance = maintenance;
        this.lag = lag;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(maintenance::runLogged, settings.maintenanceInterval());
        registrar.addFixedDelayTask(lag::refresh, settings.lagInterval());
    }
}
