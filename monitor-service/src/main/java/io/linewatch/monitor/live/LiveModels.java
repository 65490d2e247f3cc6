package io.linewatch.monitor.live;

import io.linewatch.common.registry.LiveModel;
import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.monitor.assignment.ModelAssigned;
import io.linewatch.monitor.assignment.ModelAssignments;
import io.linewatch.monitor.assignment.ModelRef;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelBundleLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The model of each machine: its assignment's registry model (one {@link LiveModel} per name +
 * alias, shared by all machines assigned to it, hot-swapped by the registry client), else the local
 * {@code model-file} bundle, else none (the machine's samples are not scored).
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class LiveModels {

    private final ModelAssignments assignments;
    private final ModelRegistryClient registry;
    private final ServingModel local;
    private final Map<ModelRef, LiveModel<ModelBundle>> subscriptions = new ConcurrentHashMap<>();

    LiveModels(
            LiveScoringSettings settings, ModelAssignments assignments, ObjectProvider<ModelRegistryClient> registry) {
        this.assignments = assignments;
        this.registry = registry.getIfAvailable();
        if (settings.modelFile() != null) {
            try {
                this.local = new ServingModel(
                        "local", ModelBundle.load(settings.modelFile()), settings.modelName(), settings.modelVersion());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load model bundle " + settings.modelFile(), e);
            }
        } else {
            this.local = null;
        }
    }

    /** Empty while the assigned model has not loaded yet, or when nothing is assigned and no local model is set. */
    Optional<ServingModel> forMachine(String machineId) {
        Optional<ModelRef> assigned = registry == null ? Optional.empty() : assignments.resolve(machineId);
        if (assigned.isEmpty()) {
            return Optional.ofNullable(local);
        }
        ModelRef ref = assigned.get();
        String key = ref.modelName() + "@" + ref.alias();
        return subscriptions
                .computeIfAbsent(ref, this::subscribe)
                .current()
                .map(m -> new ServingModel(
                        key, m.model(), m.info().modelName(), m.info().version()));
    }

    /** Starts loading a newly assigned model now rather than on its machines' next sample. */
    @EventListener
    void onAssigned(ModelAssigned assigned) {
        if (registry != null) {
            subscriptions.computeIfAbsent(assigned.model(), this::subscribe);
        }
    }

    /** Loads every assigned model at startup. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (registry != null) {
            assignments.assignedModels().forEach(ref -> subscriptions.computeIfAbsent(ref, this::subscribe));
        }
    }

    /** Each subscribed model: the version serving (0 before the first load) and why the last refresh did not swap. */
    List<LiveModelStatus> status() {
        return subscriptions.entrySet().stream()
                .map(e -> new LiveModelStatus(
                        e.getKey().modelName(),
                        e.getKey().alias(),
                        e.getValue().current().map(m -> m.info().version()).orElse(0),
                        e.getValue().lastFailure().orElse(null)))
                .sorted(java.util.Comparator.comparing(LiveModelStatus::modelName)
                        .thenComparing(LiveModelStatus::alias))
                .toList();
    }

    record LiveModelStatus(String modelName, String alias, int servingVersion, String lastFailure) {}

    private LiveModel<ModelBundle> subscribe(ModelRef ref) {
        AtomicReference<LiveModel<ModelBundle>> self = new AtomicReference<>();
        LiveModel<ModelBundle> live = registry.subscribe(
                ref.modelName(),
                ref.alias(),
                new ModelBundleLoader(() -> self.get() == null
                        ? null
                        : self.get().current().map(m -> m.model().sensors()).orElse(null)));
        self.set(live);
        return live;
    }
}
