package io.linewatch.ingest.asset;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The asset model in memory, for the telemetry hot path: lookups read an immutable snapshot (a
 * volatile read, no lock, no SQL). The snapshot is rebuilt from PostgreSQL after every change
 * made through this instance and every {@code linewatch.ingest.assets.refresh-interval}, so
 * changes made through another instance show up within that interval.
 */
@Component
public class AssetCatalog {

    private static final Logger log = LoggerFactory.getLogger(AssetCatalog.class);

    private final AssetRepository repository;
    private volatile Map<String, KnownMachine> machines = Map.of();

    AssetCatalog(AssetRepository repository) {
        this.repository = repository;
        refresh();
    }

    /** Whether a name may be registered as a machine id or sensor name. */
    public static boolean isValidId(String id) {
        return AssetIds.valid(id);
    }

    /** The machine and its sensors, or null if it is not registered. */
    public KnownMachine machine(String id) {
        return machines.get(id);
    }

    /** Lenient mode: registers the machine if needed and returns it. */
    public KnownMachine registerMachine(String id) {
        KnownMachine known = machines.get(id);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            repository.registerMachine(id);
            refresh();
        }
        return machines.get(id);
    }

    /** Lenient mode: registers the sensor (unbounded) if needed and returns its limits. */
    public SensorLimits registerSensor(String machineId, String sensor) {
        KnownMachine known = registerMachine(machineId);
        SensorLimits limits = known.sensor(sensor);
        if (limits != null) {
            return limits;
        }
        synchronized (this) {
            repository.registerSensor(machineId, sensor);
            refresh();
        }
        return machines.get(machineId).sensor(sensor);
    }

    @Scheduled(
            fixedDelayString = "${linewatch.ingest.assets.refresh-interval:10s}",
            initialDelayString = "${linewatch.ingest.assets.refresh-interval:10s}")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Asset catalog refresh failed; validating with the previous snapshot: {}", e.getMessage());
        }
    }

    synchronized void refresh() {
        Map<String, Map<String, SensorLimits>> sensors = new HashMap<>();
        for (AssetRepository.CatalogRow row : repository.catalogRows()) {
            Map<String, SensorLimits> ofMachine = sensors.computeIfAbsent(row.machineId(), id -> new HashMap<>());
            if (row.name() != null) {
                ofMachine.put(row.name(), SensorLimits.of(row.minValue(), row.maxValue()));
            }
        }
        Map<String, KnownMachine> next = new HashMap<>(sensors.size() * 2);
        sensors.forEach((id, limits) -> next.put(id, new KnownMachine(id, Map.copyOf(limits))));
        machines = Map.copyOf(next);
    }
}
