package io.linewatch.ingest.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A validated query: samples of {@code machineId} with {@code from <= ts < to}, restricted to
 * {@code sensors} (empty = all), at most {@code limit} samples or buckets. With a {@code step},
 * values are aggregated into buckets aligned to multiples of the step since the Unix epoch.
 */
record TelemetryQuery(
        String machineId,
        Instant from,
        Instant to,
        List<String> sensors,
        int limit,
        Duration step,
        Set<Aggregate> aggregates) {

    boolean downsampled() {
        return step != null;
    }
}
