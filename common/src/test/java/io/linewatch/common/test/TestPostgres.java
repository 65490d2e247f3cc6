package io.linewatch.common.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against: 127.0.0.1:5432 as user {@code postgres} unless
 * {@code LINEWATCH_TEST_PG_HOST}, {@code LINEWATCH_TEST_PG_PORT}, {@code LINEWATCH_TEST_PG_USER}
 * and {@code LINEWATCH_TEST_PG_PASSWORD} say otherwise. Test databases are named
 * {@code lwtest_*} and dropped by {@link #dropStale()} on the next run.
 */
public final class TestPostgres {

    private static final String HOST = env("LINEWATCH_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("LINEWATCH_TEST_PG_PORT", "5432");
    public static final String USER = env("LINEWATCH_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("LINEWATCH_TEST_PG_PASSWORD", "");

    private TestPostgres() {}

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createDatabase(String hint) {
        String name = ("lwtest_" + hint.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .replaceAll("^(.{60}).*", "$1");
        execute("CREATE DATABASE " + name);
        return url(name);
    }

    public static void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + url("postgres") + " is required for integration tests ("
                            + "start it, or point LINEWATCH_TEST_PG_* at one): " + e.getMessage(),
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
