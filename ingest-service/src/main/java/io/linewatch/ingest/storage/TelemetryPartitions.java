package io.linewatch.ingest.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The daily range partitions of {@code telemetry_sample}, named {@code telemetry_sample_pYYYYMMDD}
 * and covering [day 00:00Z, next day 00:00Z). Created on demand before a batch is written (so a
 * backfill of any past day works) and ahead of time by {@link PartitionMaintenance}; creation
 * takes an advisory lock so concurrent consumers never race on the catalog.
 */
@Component
class TelemetryPartitions {

    static final String PREFIX = "telemetry_sample_p";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final DataSource dataSource;
    private final StorageSettings settings;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    TelemetryPartitions(DataSource dataSource, StorageSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    void ensure(Collection<LocalDate> days) throws SQLException {
        Set<LocalDate> missing = new TreeSet<>(days);
        missing.removeAll(known);
        if (missing.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('telemetry_sample/partitions', 0))");
                for (LocalDate day : missing) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + settings.table(name(day)) + " PARTITION OF "
                            + settings.table("telemetry_sample") + " FOR VALUES FROM ('" + day + "T00:00:00Z') TO ('"
                            + day.plusDays(1) + "T00:00:00Z')");
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
        known.addAll(missing);
    }

    /** The days that have a partition, oldest first. */
    List<LocalDate> list() throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                        + " JOIN pg_namespace n ON n.oid = p.relnamespace"
                        + " WHERE n.nspname = ? AND p.relname = 'telemetry_sample' ORDER BY c.relname")) {
            select.setString(1, settings.schema());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Matcher m = NAME.matcher(rs.getString(1));
                    if (m.matches()) {
                        days.add(LocalDate.parse(m.group(1), DAY));
                    }
                }
            }
        }
        return days;
    }

    /** Drops every partition of a day before {@code firstKept}; returns the days dropped. */
    List<LocalDate> dropBefore(LocalDate firstKept) throws SQLException {
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : list()) {
            if (day.isBefore(firstKept)) {
                known.remove(day);
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + settings.table(name(day)));
                }
                dropped.add(day);
            }
        }
        return dropped;
    }

    /** Called when PostgreSQL found no partition for a row: another instance dropped or never made it. */
    void forgetKnown() {
        known.clear();
    }

    static String name(LocalDate day) {
        return PREFIX + DAY.format(day);
    }
}
