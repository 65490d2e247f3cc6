package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of one batch with at most one row per (machine, ts). PostgreSQL's
 * {@code ON CONFLICT} cannot touch a row twice in one statement, and the same rule applies as
 * across batches: per sensor the first value (in Kafka order, which is per machine) wins, and
 * sensors missing from it are filled by later samples with the same timestamp.
 */
final class MergedSamples {

    record Key(String machineId, long ts) {}

    static final class Row {
        final String machineId;
        final long ts;
        final long receivedAt;
        final Map<String, Double> values = new LinkedHashMap<>();

        private Row(String machineId, long ts, long receivedAt) {
            this.machineId = machineId;
            this.ts = ts;
            this.receivedAt = receivedAt;
        }
    }

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private int points;

    void add(TelemetrySample sample) {
        Row row = rows.computeIfAbsent(
                new Key(sample.machineId(), sample.ts()),
                k -> new Row(sample.machineId(), sample.ts(), sample.receivedAt()));
        for (Map.Entry<String, Double> value : sample.values().entrySet()) {
            if (row.values.putIfAbsent(value.getKey(), value.getValue()) == null) {
                points++;
            }
        }
    }

    Collection<Row> rows() {
        return rows.values();
    }

    int size() {
        return rows.size();
    }

    /** Distinct values after merging; a value that lost to an earlier one is not counted. */
    int points() {
        return points;
    }
}
