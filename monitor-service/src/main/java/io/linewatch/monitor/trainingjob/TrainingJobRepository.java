package io.linewatch.monitor.trainingjob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code monitor.training_jobs}. State changes only move forward (never out of a finished state). */
@Repository
class TrainingJobRepository {

    private static final String COLUMNS = "job_id, model_name, kind, state, epoch, max_epochs, train_loss, "
            + "validation_loss, eta_seconds, message, model_file, model_version, threshold, submitted_by, "
            + "created_at, started_at, finished_at";

    private final JdbcClient jdbc;

    TrainingJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String modelName, String kind, int maxEpochs, String requestJson, String by, Instant at) {
        jdbc.sql("INSERT INTO monitor.training_jobs (job_id, model_name, kind, state, request, submitted_by, "
                        + "created_at, max_epochs) VALUES (:id, :name, :kind, 'QUEUED', CAST(:request AS jsonb), :by, "
                        + ":at, :max)")
                .param("id", id)
                .param("name", modelName)
                .param("kind", kind)
                .param("request", requestJson)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .param("max", maxEpochs)
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM monitor.training_jobs WHERE job_id = :id")
                .param("id", id)
                .update();
    }

    /** QUEUED -> RUNNING; false if the job was cancelled while queued. */
    boolean start(UUID id, Instant at) {
        return jdbc.sql("UPDATE monitor.training_jobs SET state = 'RUNNING', started_at = :at "
                                + "WHERE job_id = :id AND state = 'QUEUED'")
                        .param("id", id)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    void progress(UUID id, int epoch, double trainLoss, Double validationLoss, double etaSeconds) {
        jdbc.sql("UPDATE monitor.training_jobs SET epoch = :epoch, train_loss = :train, validation_loss = :val, "
                        + "eta_seconds = :eta WHERE job_id = :id AND state = 'RUNNING'")
                .param("id", id)
                .param("epoch", epoch)
                .param("train", trainLoss)
                .param("val", validationLoss)
                .param("eta", etaSeconds)
                .update();
    }

    void succeed(UUID id, String modelFile, Integer version, double threshold, String message, Instant at) {
        jdbc.sql("UPDATE monitor.training_jobs SET state = 'SUCCEEDED', model_file = :file, model_version = :v, "
                        + "threshold = :thr, message = :msg, eta_seconds = 0, finished_at = :at "
                        + "WHERE job_id = :id AND state = 'RUNNING'")
                .param("id", id)
                .param("file", modelFile)
                .param("v", version)
                .param("thr", threshold)
                .param("msg", message)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Moves an unfinished job to FAILED or CANCELLED; false if it had finished already. */
    boolean finish(UUID id, TrainingJob.State state, String message, Instant at) {
        return jdbc.sql("UPDATE monitor.training_jobs SET state = :state, message = :msg, eta_seconds = NULL, "
                                + "finished_at = :at WHERE job_id = :id AND state IN ('QUEUED', 'RUNNING')")
                        .param("id", id)
                        .param("state", state.name())
                        .param("msg", message)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    Optional<TrainingJob> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitor.training_jobs WHERE job_id = :id")
                .param("id", id)
                .query(TrainingJobRepository::map)
                .optional();
    }

    List<TrainingJob> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitor.training_jobs ORDER BY created_at DESC LIMIT :limit")
                .param("limit", limit)
                .query(TrainingJobRepository::map)
                .list();
    }

    private static TrainingJob map(ResultSet rs, int row) throws SQLException {
        return new TrainingJob(
                rs.getObject("job_id", UUID.class),
                rs.getString("model_name"),
                rs.getString("kind"),
                TrainingJob.State.valueOf(rs.getString("state")),
                rs.getInt("epoch"),
                rs.getInt("max_epochs"),
                (Double) rs.getObject("train_loss"),
                (Double) rs.getObject("validation_loss"),
                (Double) rs.getObject("eta_seconds"),
                rs.getString("message"),
                rs.getString("model_file"),
                (Integer) rs.getObject("model_version"),
                (Double) rs.getObject("threshold"),
                rs.getString("submitted_by"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
