package io.linewatch.common.registry;

import io.linewatch.common.event.ModelEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Loads one fixed version, whatever the aliases say: for work that must use the version that
     * produced a result (an explanation of an old inspection, say). The download, sha256 check,
     * load and smoke test run on the client's one worker thread, like every alias refresh, so
     * they never race a refresh over the artifact cache; the caller waits at most {@code timeout}.
     *
     * @return empty when the registry has no such model or version
     * @throws IOException when the version exists but cannot be fetched, loaded or passes no smoke test
     */
    public <M> Optional<M> load(String modelName, int version, ModelLoader<M> loader, Duration timeout)
            throws IOException {
        Future<Optional<M>> loading = worker.submit(() -> {
            Optional<ModelVersionInfo> info = source.version(modelName, version);
            if (info.isEmpty()) {
                return Optional.<M>empty();
            }
            M model = loader.load(cache.fetch(info.get(), source), info.get());
            loader.smokeTest(model, info.get());
            return Optional.of(model);
        });
        try {
            return loading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            loading.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted loading " + modelName + " v" + version);
        } catch (TimeoutException e) {
            loading.cancel(true);
            throw new IOException("loading " + modelName + " v" + version + " took longer than " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io
                    ? io
                    : new IOException("cannot load " + modelName + " v" + version + ": " + cause.getMessage(), cause);
        }
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
