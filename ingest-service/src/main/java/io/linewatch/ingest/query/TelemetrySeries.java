package io.linewatch.ingest.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the telemetry query. Values are stored as 32-bit floats and returned in
 * their shortest decimal form (20.1 stays 20.1); a sensor without a value at a sample or in a
 * bucket is absent from its map. {@code next} is set when {@code truncated}: ask again with
 * {@code from=next} for the following page.
 */
final class TelemetrySeries {

    private TelemetrySeries() {}

    record Sample(Instant ts, Map<String, Double> values) {}

    record Raw(
            String machineId,
            Instant from,
            Instant to,
            List<String> sensors,
            int limit,
            boolean truncated,
            Instant next,
            List<Sample> samples) {}

    /** One bucket [ts, ts + step): per sensor the chosen aggregates, e.g. {"avg": 20.5, "max": 21}. */
    record Bucket(Instant ts, Map<String, Map<String, Double>> values) {}

    record Downsampled(
            String machineId,
            Instant from,
            Instant to,
            String step,
            List<String> aggregates,
            List<String> sensors,
            int limit,
            boolean truncated,
            Instant next,
            List<Bucket> buckets) {}
}
