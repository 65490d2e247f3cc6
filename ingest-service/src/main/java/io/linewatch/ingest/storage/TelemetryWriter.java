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
 * Writes one merged batch in one transaction: binary COPY into a session-local staging table,
 * then one {@code INSERT ... SELECT ... ON CONFLICT} into {@code telemetry_sample}. On a
 * conflict the stored values win and only sensors still NULL are filled, and a row is rewritten
 * only when that adds a value, so redelivered batches change nothing.
 */
@Component
class TelemetryWriter {

    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS telemetry_staging"
            + " (machine_id text, ts timestamptz, received_at timestamptz, vals real[]) ON COMMIT DELETE ROWS";

    private static final String COPY = "COPY pg_temp.telemetry_staging FROM STDIN (FORMAT binary)";

    private final DataSource dataSource;
    private final String upsert;
    private final ThreadLocal<BinaryCopyEncoder> encoders = ThreadLocal.withInitial(BinaryCopyEncoder::new);

    TelemetryWriter(DataSource dataSource, StorageSettings settings) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute(CREATE_STAGING);
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(COPY, new ByteArrayInputStream(encoded.buffer(), 0, encoded.length()));
                int changed = statement.executeUpdate(upsert);
                connection.commit();
                return changed;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException("COPY into staging failed", e);
            }
        }
    }
}
