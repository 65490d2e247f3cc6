package io.linewatch.monitor.assignment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code monitor.model_assignments} and {@code monitor.machine_types}. */
@Repository
class AssignmentRepository {

    private final JdbcClient jdbc;

    AssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(ModelAssignment a) {
        jdbc.sql("""
                        INSERT INTO monitor.model_assignments (scope, target, model_name, alias, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (scope, target) DO UPDATE
                        SET model_name = EXCLUDED.model_name, alias = EXCLUDED.alias, updated_at = EXCLUDED.updated_at""")
                .params(a.scope(), a.target(), a.modelName(), a.alias(), Timestamp.from(a.updatedAt()))
                .update();
    }

    boolean delete(String scope, String target) {
        return jdbc.sql("DELETE FROM monitor.model_assignments WHERE scope = ? AND target = ?")
                        .params(scope, target)
                        .update()
                > 0;
    }

    List<ModelAssignment> all() {
        return jdbc.sql("SELECT * FROM monitor.model_assignments ORDER BY scope, target")
                .query((rs, row) -> new ModelAssignment(
                        rs.getString("scope"),
                        rs.getString("target"),
                        rs.getString("model_name"),
                        rs.getString("alias"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    void declareType(String machineId, String machineType) {
        jdbc.sql("""
                        INSERT INTO monitor.machine_types (machine_id, machine_type, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (machine_id) DO UPDATE
                        SET machine_type = EXCLUDED.machine_type, updated_at = EXCLUDED.updated_at""")
                .params(machineId, machineType, Timestamp.from(Instant.now()))
                .update();
    }

    Map<String, String> machineTypes() {
        return jdbc
                .sql("SELECT machine_id, machine_type FROM monitor.machine_types")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
