package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open anomaly of a machine in {@code monitor.anomalies}, if any: what an instance taking
 * over the machine adopts, so an episode raised by the previous owner is cleared, not raised twice.
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class OpenAnomalies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SensorContribution>> SENSORS = new TypeReference<>() {};

    /** What a new owner needs to continue the episode. */
    record Open(
            UUID anomalyId, String lineId, Instant startedAt, double peakScore, List<SensorContribution> peakSensors) {}

    private final JdbcClient jdbc;

    OpenAnomalies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Open> of(String machineId) {
        return jdbc.sql("""
                        SELECT anomaly_id, line_id, started_at, peak_score, top_sensors FROM monitor.anomalies
                        WHERE machine_id = ? AND state = 'OPEN' ORDER BY started_at DESC LIMIT 1""")
                .param(machineId)
                .query((rs, n) -> new Open(
                        rs.getObject("anomaly_id", UUID.class),
                        rs.getString("line_id"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getDouble("peak_score"),
                        JSON.readValue(rs.getString("top_sensors"), SENSORS)))
                .optional();
    }
}
