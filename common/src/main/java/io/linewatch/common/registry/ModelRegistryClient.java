package io.linewatch.common.registry;

import io.linewatch.common.event.ModelEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Entry point for services: {@link #subscribe} returns a {@link LiveModel} that follows an alias.
 * All loading happens on one worker thread, so a slow or failing load never blocks callers of
 * {@link LiveModel#current()}, and two refreshes never race.
 */
public class ModelRegistryClient implements AutoCloseable {

    private final RegistrySource source;
    private final ArtifactCache cache;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final List<LiveModel<?>> subscriptions = new CopyOnWriteArrayList<>();

    public ModelRegistryClient(ModelClientSettings settings) {
        this(new HttpRegistrySource(settings), settings, Clock.systemUTC());
    }

    ModelRegistryClient(RegistrySource source, ModelClientSettings settings, Clock clock) {
        this.source = source;
        this.cache = new ArtifactCache(settings.cacheDirOrDefault(), settings.keepVersions());
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-registry-client");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.recheckInterval().toMillis();
        worker.scheduleWithFixedDelay(this::refreshAllNow, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Follows {@code alias} of {@code modelName}: loads what it points at now (asynchronously)
     * and again whenever it moves.
     */
    public <M> LiveModel<M> subscribe(String modelName, String alias, ModelLoader<M> loader) {
        LiveModel<M> live = new LiveModel<>(modelName, alias, loader, source, cache, clock);
        subscriptions.add(live);
        worker.execute(live::refresh);
        return live;
    }

    /** The version an alias points at now, without loading it. */
    public Optional<ModelVersionInfo> resolve(String modelName, String alias) {
        return source.resolve(modelName, alias);
    }

    /** Downloads (or finds in the cache) and sha256-verifies a version's artifact. */
    public Path fetchArtifact(ModelVersionInfo info) throws IOException {
        return cache.fetch(info, source);
    }

    /** Reacts to a registry event: every subscription of that model re-resolves its alias. */
    public void onEvent(ModelEvent event) {
        for (LiveModel<?> live : subscriptions) {
            if (live.modelName().equals(event.modelName())) {
                worker.execute(live::refresh);
            }
        }
    }

    /** Re-resolves every subscription (the periodic safety net, and after Kafka reconnects). */
    public void refreshAll() {
        worker.execute(this::refreshAllNow);
    }

    private void refreshAllNow() {
        subscriptions.forEach(LiveModel::refresh);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
