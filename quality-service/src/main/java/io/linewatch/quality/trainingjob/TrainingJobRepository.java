package io.linewatch.quality.trainingjob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code quality.training_job}. */
@Repository
class TrainingJobRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    TrainingJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String modelName, String source, Map<String, Object> request, String createdBy) {
        jdbc.sql("""
                        INSERT INTO training_job (id, model_name, source, request, state, progress, created_by, created_at)
                        VALUES (:id, :model, :source, CAST(:request AS jsonb), 'QUEUED',
                                CAST('{"phase":"queued"}' AS jsonb), :by, :at)
                        """)
                .param("id", id)
                .param("model", modelName)
                .param("source", source)
                .param("request", json.writeValueAsString(request))
                .param("by", createdBy)
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    /** QUEUED -> RUNNING; false when the job was cancelled meanwhile. */
    boolean start(UUID id) {
        return jdbc.sql(
                                "UPDATE training_job SET state = 'RUNNING', started_at = :at WHERE id = :id AND state = 'QUEUED'")
                        .param("at", Timestamp.from(Instant.now()))
                        .param("id", id)
                        .update()
                == 1;
    }

    void progress(UUID id, Map<String, Object> progress) {
        jdbc.sql("UPDATE training_job SET progress = CAST(:p AS jsonb) WHERE id = :id")
                .param("p", json.writeValueAsString(progress))
                .param("id", id)
                .update();
    }

    /** Ends a job that is still QUEUED or RUNNING; false when it had already ended. */
    boolean finish(UUID id, String state, Integer version, Map<String, Object> metrics, String error) {
        return jdbc.sql("""
                                UPDATE training_job SET state = :state, registered_version = :version,
                                    metrics = CAST(:metrics AS jsonb), error = :error, finished_at = :at
                                WHERE id = :id AND state IN ('QUEUED', 'RUNNING')
                                """)
                        .param("state", state)
                        .param("version", version)
                        .param("metrics", metrics == null ? null : json.writeValueAsString(metrics))
                        .param("error", error)
                        .param("at", Timestamp.from(Instant.now()))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Jobs a previous process left unfinished can never finish; says so. */
    int failUnfinished(String reason) {
        return jdbc.sql("""
                        UPDATE training_job SET state = 'FAILED', error = :reason, finished_at = :at
                        WHERE state IN ('QUEUED', 'RUNNING')
                        """)
                .param("reason", reason)
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    Optional<TrainingJob> find(UUID id) {
        return jdbc.sql("SELECT * FROM training_job WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<TrainingJob> latest(int limit) {
        return jdbc.sql("SELECT * FROM training_job ORDER BY created_at DESC LIMIT :limit")
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    private TrainingJob map(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("registered_version");
        Integer registered = rs.wasNull() ? null : version;
        return new TrainingJob(
                rs.getObject("id", UUID.class),
                rs.getString("model_name"),
                rs.getString("source"),
                rs.getString("state"),
                read(rs.getString("request")),
                read(rs.getString("progress")),
                registered,
                read(rs.getString("metrics")),
                rs.getString("error"),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private Map<String, Object> read(String text) {
        return text == null ? null : json.readValue(text, MAP);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
