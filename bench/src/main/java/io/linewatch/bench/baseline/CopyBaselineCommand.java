package io.linewatch.bench.baseline;

import io.linewatch.bench.Args;
import io.linewatch.bench.data.Fleet;
import io.linewatch.bench.data.SignalSource;
import io.linewatch.bench.report.ResultFile;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * {@code copy --db-url jdbc:postgresql://127.0.0.1:5432/linewatch --connections 2 --duration 20s}:
 * the PostgreSQL ceiling. Each connection (one per storing-consumer thread) COPYs binary batches
 * of {@code --batch} generated samples in their own transaction, in one of two modes:
 *
 * <ul>
 *   <li>{@code copy}: COPY straight into a day-partitioned table of the storage row shape and
 *       primary key: the raw ceiling, and the storing consumer's fast path;
 *   <li>{@code upsert}: the storing consumer's safe path (after a primary-key conflict): COPY into
 *       a temp staging table, then the same {@code INSERT ... ON CONFLICT (machine_id, ts) DO
 *       UPDATE ... WHERE}: what deduplication costs when it has work to do.
 * </ul>
 *
 * Tables live in schema {@code bench_ceiling}, dropped and recreated per run.
 */
public final class CopyBaselineCommand {

    private CopyBaselineCommand() {}

    public static void run(Args args) throws Exception {
        String url = args.string("db-url", "jdbc:postgresql://127.0.0.1:5432/linewatch");
        String user = args.string("db-user", "linewatch");
        String password = args.string("db-password", "");
        int machines = args.integer("machines", 1000);
        int sensors = args.integer("sensors", 8);
        int connections = args.integer("connections", 2);
        int batch = args.integer("batch", 5000);
        String mode = args.string("mode", "copy");
        Duration duration = args.duration("duration", "20s");
        Path out = Path.of(args.string("out", "bench/target/results/copy-" + mode + ".properties"));
        args.rejectUnknown();
        if (!mode.equals("copy") && !mode.equals("upsert")) {
            throw new IllegalArgumentException("--mode must be copy or upsert, not " + mode);
        }

        Fleet fleet = Fleet.of(machines, sensors);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_ceiling CASCADE");
            s.execute("CREATE SCHEMA bench_ceiling");
            // The storage table's shape: C-collated machine id, day partitions, primary key (machine_id, ts).
            s.execute("CREATE TABLE bench_ceiling.sample (machine_id text COLLATE \"C\" NOT NULL,"
                    + " ts timestamptz NOT NULL, received_at timestamptz NOT NULL, vals real[] NOT NULL,"
                    + " PRIMARY KEY (machine_id, ts)) PARTITION BY RANGE (ts)");
            s.execute("CREATE TABLE bench_ceiling.sample_now PARTITION OF bench_ceiling.sample"
                    + " FOR VALUES FROM (now() - interval '1 day') TO (now() + interval '1 day')");
        }

        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Long>> rows = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            SignalSource source =
                    new SignalSource(fleet, fleet.slice(i, connections), 11 + i, System::currentTimeMillis);
            rows.add(pool.submit(() -> copyUntil(url, user, password, mode, source, batch, deadline)));
        }
        long total = 0;
        for (Future<Long> f : rows) {
            total += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double rowsPerSecond = total / seconds;
        ResultFile result = new ResultFile()
                .put("copy.mode", mode)
                .put("copy.connections", connections)
                .put("copy.batch", batch)
                .put("copy.rows", total)
                .put("copy.seconds", String.format("%.2f", seconds))
                .put("copy.rows.per.s", Math.round(rowsPerSecond))
                .put("copy.points.per.s", Math.round(rowsPerSecond * sensors));
        result.write(out);
        System.out.printf(
                "copy (%s, %d connections, %d rows/batch): %,d rows in %.1f s = %,.0f rows/s = %,.0f points/s%n",
                mode, connections, batch, total, seconds, rowsPerSecond, rowsPerSecond * sensors);
    }

    private static long copyUntil(
            String url, String user, String password, String mode, SignalSource source, int batch, long deadline)
            throws SQLException, java.io.IOException {
        CopyRowEncoder encoder = new CopyRowEncoder();
        long rows = 0;
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            boolean upsert = mode.equals("upsert");
            String copy = upsert
                    ? "COPY pg_temp.staging FROM STDIN (FORMAT binary)"
                    : "COPY bench_ceiling.sample FROM STDIN (FORMAT binary)";
            var api = c.unwrap(PGConnection.class).getCopyAPI();
            while (System.nanoTime() < deadline) {
                encoder.begin();
                long receivedAt = System.currentTimeMillis();
                for (int i = 0; i < batch; i++) {
                    encoder.row(source.next(), receivedAt);
                }
                encoder.end();
                if (upsert) {
                    s.execute("CREATE TEMP TABLE IF NOT EXISTS staging"
                            + " (machine_id text COLLATE \"C\", ts timestamptz, received_at timestamptz, vals real[])"
                            + " ON COMMIT DELETE ROWS");
                }
                api.copyIn(copy, new ByteArrayInputStream(encoder.buffer(), 0, encoder.length()));
                if (upsert) {
                    s.executeUpdate(UPSERT);
                }
                c.commit();
                rows += batch;
            }
        }
        return rows;
    }

    /** The storing consumer's statement (ingest-service TelemetryWriter), on the bench table. */
    private static final String UPSERT = "INSERT INTO bench_ceiling.sample AS t (machine_id, ts, received_at, vals)"
            + " SELECT machine_id, ts, received_at, vals FROM pg_temp.staging"
            + " ON CONFLICT (machine_id, ts) DO UPDATE SET vals = ARRAY("
            + "SELECT coalesce(u.o, u.n) FROM unnest(t.vals, excluded.vals) WITH ORDINALITY AS u(o, n, i)"
            + " ORDER BY u.i)"
            + " WHERE EXISTS (SELECT 1 FROM unnest(t.vals, excluded.vals) AS u(o, n)"
            + " WHERE u.o IS NULL AND u.n IS NOT NULL)";
}
