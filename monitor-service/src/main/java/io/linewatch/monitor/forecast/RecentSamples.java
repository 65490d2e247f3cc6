package io.linewatch.monitor.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where {@code GET .../forecast} finds a machine's recent samples (e.g. the live scoring window).
 * Any bean implementing it is asked in turn; with none, or none that knows the machine, the
 * request gets 409 "no recent data".
 */
public interface RecentSamples {

    /** The machine's most recent samples in time order (at most {@code max}); empty if unknown. */
    List<Sample> recent(String machineId, int max);

    /** One telemetry sample: sensor name -> value. */
    record Sample(Instant timestamp, Map<String, Double> values) {}
}
