package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest anomaly episode of a machine in {@code monitor.anomalies}, if any: an instance taking
 * over the machine adopts it while open, so an episode raised by the previous owner (or by this
 * process before a crash) is cleared, not raised twice, and it does not raise or clear anything
 * again for samples up to the episode's last recorded transition (a redelivered batch).
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class OpenAnomalies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SensorContribution>> SENSORS = new TypeReference<>() {};

    /** What a new owner needs to continue the episode; {@code endedAt} is null while it is open. */
    record Episode(
            UUID anomalyId,
            String lineId,
            Instant startedAt,
            Instant endedAt,
            double peakScore,
            List<SensorContribution> peakSensors) {

        boolean open() {
            return endedAt == null;
        }

        /** The time of the episode's last transition recorded in the table. */
        Instant lastTransition() {
            return endedAt == null ? startedAt : endedAt;
        }
    }

    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;

    OpenAnomalies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The machine's episode that started last (episodes of one machine do not overlap). */
    Optional<Episode> latest(String machineId) {
        return Optional.ofNullable(latest(List.of(machineId)).get(machineId));
    }

    /**
     * The latest episode of each of the machines that has one, in one query per {@value #CHUNK}
     * machines: what a poll that brings many machines at once (start, rebalance) looks up.
     */
    Map<String, Episode> latest(Collection<String> machineIds) {
        Map<String, Episode> episodes = new HashMap<>();
        List<String> ids = List.copyOf(machineIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            String[] chunk =
                    ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new);
            jdbc.sql("""
                            SELECT DISTINCT ON (machine_id)
                                machine_id, anomaly_id, line_id, started_at, ended_at, peak_score, top_sensors
                            FROM monitor.anomalies WHERE machine_id = ANY(?)
                            ORDER BY machine_id, started_at DESC""").param(chunk).query(rs -> {
                episodes.put(
                        rs.getString("machine_id"),
                        new Episode(
                                rs.getObject("anomaly_id", UUID.class),
                                rs.getString("line_id"),
                                rs.getTimestamp("started_at").toInstant(),
                                rs.getTimestamp("ended_at") == null
                                        ? null
                                        : rs.getTimestamp("ended_at").toInstant(),
                                rs.getDouble("peak_score"),
                                JSON.readValue(rs.getString("top_sensors"), SENSORS)));
            });
        }
        return episodes;
    }
}
