package io.linewatch.monitor.anomaly;

import io.linewatch.common.event.SensorContribution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code monitor.anomalies}. */
@Repository
public class AnomalyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SensorContribution>> SENSORS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    AnomalyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void open(Anomaly anomaly) {
        jdbc.sql("""
                        INSERT INTO monitor.anomalies (anomaly_id, machine_id, line_id, state, started_at, ended_at,
                            peak_score, threshold, top_sensors, model_name, model_version)
                        VALUES (?, ?, ?, 'OPEN', ?, NULL, ?, ?, ?::jsonb, ?, ?)
                        ON CONFLICT (anomaly_id) DO NOTHING""")
                .params(
                        anomaly.anomalyId(),
                        anomaly.machineId(),
                        anomaly.lineId(),
                        Timestamp.from(anomaly.startedAt()),
                        anomaly.peakScore(),
                        anomaly.threshold(),
                        JSON.writeValueAsString(anomaly.topSensors()),
                        anomaly.modelName(),
                        anomaly.modelVersion())
                .update();
    }

    public void close(UUID anomalyId, Instant endedAt, double peakScore, List<SensorContribution> topSensors) {
        jdbc.sql("""
                        UPDATE monitor.anomalies SET state = 'CLEARED', ended_at = ?, peak_score = ?,
                            top_sensors = ?::jsonb
                        WHERE anomaly_id = ?""")
                .params(Timestamp.from(endedAt), peakScore, JSON.writeValueAsString(topSensors), anomalyId)
                .update();
    }

    List<Anomaly> find(AnomalyQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM monitor.anomalies WHERE true");
        List<Object> params = new ArrayList<>();
        if (query.machine() != null) {
            sql.append(" AND machine_id = ?");
            params.add(query.machine());
        }
        if (query.line() != null) {
            sql.append(" AND line_id = ?");
            params.add(query.line());
        }
        if (query.state() != null) {
            sql.append(" AND state = ?");
            params.add(query.state());
        }
        if (query.from() != null) {
            // an episode overlaps [from, to) when it ends after from (or is open) and starts before to
            sql.append(" AND (ended_at IS NULL OR ended_at >= ?)");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND started_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY started_at DESC, anomaly_id LIMIT ?");
        params.add(query.limit());
        return jdbc.sql(sql.toString())
                .params(params)
                .query(AnomalyRepository::row)
                .list();
    }

    private static Anomaly row(ResultSet rs, int n) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Anomaly(
                rs.getObject("anomaly_id", UUID.class),
                rs.getString("machine_id"),
                rs.getString("line_id"),
                rs.getString("state"),
                rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(),
                rs.getDouble("peak_score"),
                rs.getDouble("threshold"),
                JSON.readValue(rs.getString("top_sensors"), SENSORS),
                rs.getString("model_name"),
                rs.getInt("model_version"));
    }
}
