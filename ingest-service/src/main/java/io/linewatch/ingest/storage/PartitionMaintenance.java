package io.linewatch.ingest.storage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the partitions of {@code telemetry_sample} in shape: today and
 * {@link StorageSettings#partitionsAhead()} days ahead exist before data arrives, and every
 * day older than the retention is dropped whole (a catalog operation, no row-by-row delete).
 */
@Component
class PartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final TelemetryPartitions partitions;
    private final StorageSettings settings;
    private final Clock clock = Clock.systemUTC();

    PartitionMaintenance(TelemetryPartitions partitions, StorageSettings settings) {
        this.partitions = partitions;
        this.settings = settings;
    }

    /** The oldest day that is kept: the day containing now minus the retention. */
    static LocalDate firstKeptDay(Clock clock, Duration retention) {
        return LocalDate.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
    }

    /** Creates the partitions ahead and drops expired ones; returns the days dropped. */
    List<LocalDate> run() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> ahead = new ArrayList<>();
        for (int i = 0; i <= settings.partitionsAhead(); i++) {
            ahead.add(today.plusDays(i));
        }
        partitions.ensure(ahead);
        List<LocalDate> dropped = partitions.dropBefore(firstKeptDay(clock, settings.retention()));
        if (!dropped.isEmpty()) {
            log.info("Dropped telemetry partitions older than {}: {}", settings.retention(), dropped);
        }
        return dropped;
    }

    void runLogged() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            log.warn("Telemetry partition maintenance failed; retrying in {}", settings.maintenanceInterval(), e);
        }
    }
}
