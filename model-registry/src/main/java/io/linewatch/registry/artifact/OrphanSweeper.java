package io.linewatch.registry.artifact;

import io.linewatch.registry.RegistrySettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes artifacts no version references (left by a crash between rename and metadata commit,
 * or by a deleted version) and stale staging files. Runs at startup and every
 * {@code linewatch.registry.sweep-interval}; files younger than {@code orphan-grace} are kept.
 */
@Component
public class OrphanSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    /** What one sweep removed. */
    public record Sweep(int artifacts, int stagingFiles) {}

    private final ArtifactStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RegistrySettings settings;
    private final Clock clock;
    private ScheduledExecutorService timer;

    OrphanSweeper(ArtifactStore store, JdbcClient jdbc, TransactionTemplate tx, RegistrySettings settings) {
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public Sweep sweep() {
        Instant cutoff = clock.instant().minus(settings.orphanGrace());
        return tx.execute(status -> {
            StoreLock.holdExclusive(jdbc);
            try {
                Set<String> referenced = new HashSet<>(jdbc.sql("SELECT DISTINCT sha256 FROM model_version")
                        .query(String.class)
                        .list());
                int artifacts = 0;
                for (String sha : store.list()) {
                    if (!referenced.contains(sha)
                            && store.lastModified(sha)
                                    .map(t -> !t.isAfter(cutoff))
                                    .orElse(false)) {
                        store.delete(sha);
                        artifacts++;
                    }
                }
                int staging = store.deleteStagingOlderThan(cutoff.plusNanos(1));
                if (artifacts + staging > 0) {
                    log.info("Swept {} orphan artifact(s) and {} stale staging file(s)", artifacts, staging);
                }
                return new Sweep(artifacts, staging);
            } catch (IOException e) {
                throw new IllegalStateException("sweeping the artifact store failed", e);
            }
        });
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Artifact sweep failed; will retry", e);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "artifact-sweeper"));
        long period = settings.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
