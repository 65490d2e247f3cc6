package io.linewatch.ingest.asset;

import java.util.Map;

/** An immutable view of one machine and its sensors, as the telemetry hot path sees it. */
public record KnownMachine(String id, Map<String, SensorLimits> sensors) {

    /** The sensor's limits, or null if the machine has no such sensor. */
    public SensorLimits sensor(String name) {
        return sensors.get(name);
    }
}
