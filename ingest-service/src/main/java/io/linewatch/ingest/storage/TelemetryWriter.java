package io.linewatch.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * Writes one merged batch in one transaction. Fast path: binary COPY straight into
 * {@code telemetry_sample}, which succeeds whenever no row of the batch is stored yet (the steady
 * state). If the primary key rejects it (a redelivery, or a second sample for a stored
 * (machine, ts)), the transaction is rolled back and the batch goes the safe way: binary COPY
 * into a session-local staging table, then one {@code INSERT ... SELECT ... ON CONFLICT}. There
 * the stored values win and only sensors still NULL are filled, and a row is rewritten only when
 * that adds a value, so redelivered batches change nothing. After a conflict the thread stays on
 * the safe path for a few batches, since redelivered batches come in runs.
 */
@Component
class TelemetryWriter {

    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS telemetry_staging"
            + " (machine_id text COLLATE \"C\", ts timestamptz, received_at timestamptz, vals real[]) ON COMMIT DELETE ROWS";

    private static final String COPY = "COPY pg_temp.telemetry_staging FROM STDIN (FORMAT binary)";

    private final DataSource dataSource;
    private final String upsert;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int SAFE_BATCHES_AFTER_CONFLICT = 20;

    private final String copyDirect;
    private final StorageMetrics metrics;
    private final ThreadLocal<BinaryCopyEncoder> encoders = ThreadLocal.withInitial(BinaryCopyEncoder::new);
    private final ThreadLocal<int[]> safeBatchesLeft = ThreadLocal.withInitial(() -> new int[1]);

    TelemetryWriter(DataSource dataSource, StorageSettings settings, StorageMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.copyDirect = "COPY " + settings.table("telemetry_sample")
                + " (machine_id, ts, received_at, vals) FROM STDIN (FORMAT binary)";
        this.upsert = "INSERT INTO " + settings.table("telemetry_sample") + " AS t (machine_id, ts, received_at, vals)"
                + " SELECT machine_id, ts, received_at, vals FROM pg_temp.telemetry_staging"
                + " ON CONFLICT (machine_id, ts) DO UPDATE SET vals = ARRAY("
                + "SELECT coalesce(u.o, u.n) FROM unnest(t.vals, excluded.vals) WITH ORDINALITY AS u(o, n, i)"
                + " ORDER BY u.i)"
                + " WHERE EXISTS (SELECT 1 FROM unnest(t.vals, excluded.vals) AS u(o, n)"
                + " WHERE u.o IS NULL AND u.n IS NOT NULL)";
    }

    /** Returns the rows inserted or changed; redelivered rows that add nothing are not counted. */
    int write(MergedSamples samples, Map<String, Map<String, Integer>> slots) throws SQLException {
        BinaryCopyEncoder encoded = encoders.get().encode(samples.rows(), slots);
        int[] safeLeft = safeBatchesLeft.get();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            if (safeLeft[0] == 0) {
                try {
                    copy(connection, copyDirect, encoded);
                    connection.commit();
                    metrics.copyBatches.increment();
                    return samples.size();
                } catch (SQLException e) {
                    connection.rollback();
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    safeLeft[0] = SAFE_BATCHES_AFTER_CONFLICT;
                }
            } else {
                safeLeft[0]--;
            }
            return staged(connection, statement, encoded);
        }
    }

    /** The safe path alone: staging table and ON CONFLICT, whatever is stored already. */
    int writeSafe(MergedSamples samples, Map<String, Map<String, Integer>> slots) throws SQLException {
        BinaryCopyEncoder encoded = encoders.get().encode(samples.rows(), slots);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            return staged(connection, statement, encoded);
        }
    }

    private int staged(Connection connection, Statement statement, BinaryCopyEncoder encoded) throws SQLException {
        try {
            statement.execute(CREATE_STAGING);
            copy(connection, COPY, encoded);
            int changed = statement.executeUpdate(upsert);
            connection.commit();
            metrics.upsertBatches.increment();
            return changed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void copy(Connection connection, String sql, BinaryCopyEncoder encoded) throws SQLException {
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(sql, new ByteArrayInputStream(encoded.buffer(), 0, encoded.length()));
        } catch (IOException e) {
            throw new SQLException("COPY from memory failed", e);
        }
    }
}
