package io.linewatch.ingest.query;

import io.linewatch.ingest.query.TelemetrySeries.Bucket;
import io.linewatch.ingest.query.TelemetrySeries.Sample;
import io.linewatch.ingest.storage.StorageSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code telemetry_sample}. Sensor slots are integers read from the slot table, the
 * only values inlined into the statements; everything from the request is a bind parameter.
 * The range predicate on {@code ts} prunes partitions, and the primary key
 * (machine_id, ts) serves both the filter and the order.
 */
@Repository
class TelemetryQueryRepository {

    private final JdbcClient jdbc;
    private final String samples;
    private final String slots;

    TelemetryQueryRepository(JdbcClient jdbc, StorageSettings storage) {
        this.jdbc = jdbc;
        this.samples = storage.schema() + ".telemetry_sample";
        this.slots = storage.schema() + ".telemetry_sensor_slot";
    }

    /** Sensor to slot, in slot order; empty when the machine never had telemetry stored. */
    Map<String, Integer> slots(String machineId) {
        Map<String, Integer> result = new LinkedHashMap<>();
        jdbc.sql("SELECT sensor, slot FROM " + slots + " WHERE machine_id = ? ORDER BY slot")
                .param(machineId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Up to {@code limit} samples in ts order that have a value for at least one of the sensors. */
    List<Sample> raw(TelemetryQuery query, Map<String, Integer> sensors, int limit) {
        String columns = sensors.values().stream().map(s -> "vals[" + s + "]").collect(Collectors.joining(", "));
        String anyPresent = sensors.values().stream()
                .map(s -> "vals[" + s + "] IS NOT NULL")
                .collect(Collectors.joining(" OR "));
        List<String> names = List.copyOf(sensors.keySet());
        return jdbc.sql("SELECT ts, " + columns + " FROM " + samples
                        + " WHERE machine_id = ? AND ts >= ? AND ts < ? AND (" + anyPresent + ") ORDER BY ts LIMIT ?")
                .params(query.machineId(), utc(query.from()), utc(query.to()), limit)
                .query((rs, row) -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        float v = rs.getFloat(i + 2);
                        if (!rs.wasNull()) {
                            values.put(names.get(i), shortest(v));
                        }
                    }
                    return new Sample(ts(rs), values);
                })
                .list();
    }

    /** Up to {@code limit} buckets in ts order, aligned to multiples of the step since the epoch. */
    List<Bucket> downsampled(TelemetryQuery query, Map<String, Integer> sensors, int limit) {
        List<String> names = List.copyOf(sensors.keySet());
        List<Aggregate> aggregates = List.copyOf(query.aggregates());
        List<String> columns = new ArrayList<>();
        for (int slot : sensors.values()) {
            for (Aggregate aggregate : aggregates) {
                columns.add(aggregate.key() + "(vals[" + slot + "])");
            }
        }
        String sql = "SELECT date_bin(make_interval(secs => ?), ts, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket, "
                + String.join(", ", columns) + " FROM " + samples
                + " WHERE machine_id = ? AND ts >= ? AND ts < ? GROUP BY bucket ORDER BY bucket LIMIT ?";
        double stepSeconds = query.step().toMillis() / 1000.0;
        return jdbc.sql(sql)
                .params(stepSeconds, query.machineId(), utc(query.from()), utc(query.to()), limit)
                .query((rs, row) -> {
                    Map<String, Map<String, Double>> values = new LinkedHashMap<>();
                    int column = 2;
                    for (String sensor : names) {
                        Map<String, Double> stats = new LinkedHashMap<>();
                        for (Aggregate aggregate : aggregates) {
                            double v = rs.getDouble(column++);
                            if (!rs.wasNull()) {
                                stats.put(aggregate.key(), shortest((float) v));
                            }
                        }
                        if (!stats.isEmpty()) {
                            values.put(sensor, stats);
                        }
                    }
                    return new Bucket(ts(rs), values);
                })
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant ts(ResultSet rs) throws SQLException {
        return rs.getObject(1, OffsetDateTime.class).toInstant();
    }

    /** Values are stored as float4; their shortest decimal form is what was sent (20.1, not 20.100000381). */
    private static double shortest(float value) {
        return Double.parseDouble(Float.toString(value));
    }
}
