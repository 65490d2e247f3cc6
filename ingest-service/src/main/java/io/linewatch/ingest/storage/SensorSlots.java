package io.linewatch.ingest.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The position of each sensor in a machine's {@code vals} array. A slot is assigned the first
 * time a sensor is seen and never changes, so every stored row keeps its meaning. Slots are
 * cached for the life of the process (a plant has a bounded number of machines and sensors);
 * assignment takes a per-machine advisory lock so concurrent consumers and instances agree.
 */
@Component
class SensorSlots {

    private final DataSource dataSource;
    private final String slotTable;
    private final Map<String, Map<String, Integer>> cache = new ConcurrentHashMap<>();

    SensorSlots(DataSource dataSource, StorageSettings settings) {
        this.dataSource = dataSource;
        this.slotTable = settings.table("telemetry_sensor_slot");
    }

    /** Slots of every sensor in the rows, assigning the missing ones; keyed by machine, then sensor. */
    Map<String, Map<String, Integer>> resolve(Collection<MergedSamples.Row> rows) throws SQLException {
        SortedMap<String, Set<String>> missing = new TreeMap<>();
        for (MergedSamples.Row row : rows) {
            Map<String, Integer> known = cache.get(row.machineId);
            for (String sensor : row.values.keySet()) {
                if (known == null || !known.containsKey(sensor)) {
                    missing.computeIfAbsent(row.machineId, m -> new TreeSet<>()).add(sensor);
                }
            }
        }
        if (!missing.isEmpty()) {
            assign(missing);
        }
        return cache;
    }

    private void assign(SortedMap<String, Set<String>> missing) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, Map<String, Integer>> current = lockAndLoad(connection, missing.keySet());
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + slotTable + " (machine_id, sensor, slot) VALUES (?, ?, ?)")) {
                    for (Map.Entry<String, Set<String>> machine : missing.entrySet()) {
                        Map<String, Integer> slots = current.computeIfAbsent(machine.getKey(), m -> new HashMap<>());
                        int next = slots.values().stream()
                                        .mapToInt(Integer::intValue)
                                        .max()
                                        .orElse(0)
                                + 1;
                        for (String sensor : machine.getValue()) {
                            if (!slots.containsKey(sensor)) {
                                slots.put(sensor, next);
                                insert.setString(1, machine.getKey());
                                insert.setString(2, sensor);
                                insert.setInt(3, next++);
                                insert.addBatch();
                            }
                        }
                    }
                    insert.executeBatch();
                }
                connection.commit();
                current.forEach((machine, slots) -> cache.put(machine, Map.copyOf(slots)));
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Locks the machines in name order (no deadlock between consumers) and reads their slots. */
    private Map<String, Map<String, Integer>> lockAndLoad(Connection connection, Set<String> machines)
            throws SQLException {
        Array names = connection.createArrayOf("text", new TreeSet<>(machines).toArray());
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('telemetry_sensor_slot/' || m, 0))"
                        + " FROM unnest(?::text[]) AS m ORDER BY m")) {
            lock.setArray(1, names);
            lock.execute();
        }
        Map<String, Map<String, Integer>> current = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT machine_id, sensor, slot FROM " + slotTable + " WHERE machine_id = ANY(?::text[])")) {
            select.setArray(1, names);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    current.computeIfAbsent(rs.getString(1), m -> new HashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return current;
    }
}
