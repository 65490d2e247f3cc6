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
        /** The first sample's own map until a second sample of the same row needs a merge. */
        Map<String, Double> values;

        private boolean copied;

        private Row(String machineId, long ts, long receivedAt, Map<String, Double> values) {
            this.machineId = machineId;
            this.ts = ts;
            this.receivedAt = receivedAt;
            this.values = values;
        }

        private Map<String, Double> mutableValues() {
            if (!copied) {
                values = new LinkedHashMap<>(values);
                copied = true;
            }
            return values;
        }
    }

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private int points;

    void add(TelemetrySample sample) {
        Key key = new Key(sample.machineId(), sample.ts());
        Row row = rows.get(key);
        if (row == null) {
            // The common case (no other sample of this row in the batch): keep the sample's map.
            rows.put(key, new Row(sample.machineId(), sample.ts(), sample.receivedAt(), sample.values()));
            points += sample.values().size();
            return;
        }
        Map<String, Double> values = row.mutableValues();
        for (Map.Entry<String, Double> value : sample.values().entrySet()) {
            if (values.putIfAbsent(value.getKey(), value.getValue()) == null) {
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
