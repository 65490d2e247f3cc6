package io.linewatch.common.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model an alias points at, kept current. {@link #current()} always returns a model that
 * loaded and passed its smoke test: a new version replaces it only after both succeeded, so a
 * version that cannot be downloaded, verified, loaded or run leaves the previous one serving.
 * Refreshes run one at a time on the client's worker thread.
 */
public final class LiveModel<M> {

    private static final Logger log = LoggerFactory.getLogger(LiveModel.class);

    private final String modelName;
    private final String alias;
    private final ModelLoader<M> loader;
    private final RegistrySource source;
    private final ArtifactCache cache;
    private final Clock clock;
    private final AtomicReference<LoadedModel<M>> current = new AtomicReference<>();
    private final List<Consumer<LoadedModel<M>>> swapListeners = new CopyOnWriteArrayList<>();
    private volatile String lastFailure;
    private volatile String rejectedSha256;

    LiveModel(
            String modelName,
            String alias,
            ModelLoader<M> loader,
            RegistrySource source,
            ArtifactCache cache,
            Clock clock) {
        this.modelName = modelName;
        this.alias = alias;
        this.loader = loader;
        this.source = source;
        this.cache = cache;
        this.clock = clock;
    }

    public String modelName() {
        return modelName;
    }

    public String alias() {
        return alias;
    }

    /** The serving model, empty until the first version loaded. */
    public Optional<LoadedModel<M>> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why the last refresh did not swap (null when it succeeded or there was nothing new). */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Called on the client's worker thread after every swap, with the model now serving. */
    public void onSwap(Consumer<LoadedModel<M>> listener) {
        swapListeners.add(listener);
    }

    /** Re-resolves the alias and swaps if it points elsewhere; never throws. */
    void refresh() {
        try {
            Optional<ModelVersionInfo> resolved = source.resolve(modelName, alias);
            if (resolved.isEmpty()) {
                lastFailure = "alias " + alias + " of " + modelName + " does not exist; keeping what serves";
                return;
            }
            ModelVersionInfo info = resolved.get();
            LoadedModel<M> serving = current.get();
            if (serving != null
                    && serving.info().sha256().equals(info.sha256())
                    && serving.info().version() == info.version()) {
                lastFailure = null;
                return;
            }
            if (info.sha256().equals(rejectedSha256)) {
                return;
            }
            swapTo(info);
        } catch (Exception | LinkageError e) {
            lastFailure = "refreshing " + modelName + "@" + alias + " failed: " + e;
            log.warn("Keeping the serving model: {}", lastFailure);
        }
    }

    private void swapTo(ModelVersionInfo info) throws Exception {
        Path artifact = cache.fetch(info, source);
        M model;
        try {
            model = loader.load(artifact, info);
            loader.smokeTest(model, info);
        } catch (Exception | LinkageError e) {
            // The artifact is intact (sha256 matched) but unusable here: do not retry it on
            // every re-check, only when the alias points at something else.
            rejectedSha256 = info.sha256();
            throw new IllegalStateException(
                    modelName + " v" + info.version() + " was rejected by the loader or smoke test: " + e, e);
        }
        LoadedModel<M> loaded = new LoadedModel<>(model, info, artifact, clock.instant());
        LoadedModel<M> previous = current.getAndSet(loaded);
        lastFailure = null;
        log.info(
                "{}@{} now serves v{} (was {})",
                modelName,
                alias,
                info.version(),
                previous == null ? "nothing" : "v" + previous.info().version());
        for (Consumer<LoadedModel<M>> listener : swapListeners) {
            try {
                listener.accept(loaded);
            } catch (RuntimeException e) {
                log.warn("A swap listener of {}@{} failed", modelName, alias, e);
            }
        }
    }
}
