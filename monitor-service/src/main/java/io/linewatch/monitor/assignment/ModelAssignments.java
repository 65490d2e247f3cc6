package io.linewatch.monitor.assignment;

import io.linewatch.common.config.RefreshingSnapshot;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Resolves a machine's model on the scoring path from an in-memory snapshot of the tables, so a
 * poll costs map look-ups, not queries. A change through this instance replaces the snapshot at
 * once; changes made through other instances are picked up within {@code refresh-interval}.
 */
@Service
public class ModelAssignments {

    private final AssignmentRepository repository;
    private final AssignmentSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final ApplicationEventPublisher events;
    private final RefreshingSnapshot<Snapshot> snapshot;

    ModelAssignments(AssignmentRepository repository, AssignmentSettings settings, ApplicationEventPublisher events) {
        this.repository = repository;
        this.settings = settings;
        this.events = events;
        this.snapshot = new RefreshingSnapshot<>(this::load, settings.refreshInterval());
    }

    /** Every model some machine or type is assigned to. */
    public Set<ModelRef> assignedModels() {
        Snapshot s = snapshot.get();
        return java.util.stream.Stream.concat(s.machines().values().stream(), s.types().values().stream())
                .collect(Collectors.toSet());
    }

    /** The machine's own assignment, else its type's, else empty. */
    public Optional<ModelRef> resolve(String machineId) {
        Snapshot s = snapshot.get();
        ModelRef own = s.machines().get(machineId);
        if (own != null) {
            return Optional.of(own);
        }
        String type = machineType(s, machineId);
        return Optional.ofNullable(type == null ? null : s.types().get(type));
    }

    /** The declared type: over the API, else in configuration, else null. */
    public String machineType(String machineId) {
        return machineType(snapshot.get(), machineId);
    }

    List<ModelAssignment> list() {
        return repository.all();
    }

    void assign(String scope, String target, ModelRef model) {
        repository.upsert(new ModelAssignment(scope, target, model.modelName(), model.alias(), clock.instant()));
        snapshot.reload();
        events.publishEvent(new ModelAssigned(model));
    }

    boolean unassign(String scope, String target) {
        boolean removed = repository.delete(scope, target);
        snapshot.reload();
        return removed;
    }

    void declareType(String machineId, String machineType) {
        repository.declareType(machineId, machineType);
        snapshot.reload();
    }

    private String machineType(Snapshot s, String machineId) {
        String declared = s.machineTypes().get(machineId);
        return declared != null ? declared : settings.machineTypes().get(machineId);
    }

    private Snapshot load() {
        Map<String, ModelRef> machines = new HashMap<>();
        Map<String, ModelRef> types = new HashMap<>();
        for (ModelAssignment a : repository.all()) {
            (ModelAssignment.MACHINE.equals(a.scope()) ? machines : types)
                    .put(a.target(), new ModelRef(a.modelName(), a.alias()));
        }
        return new Snapshot(machines, types, repository.machineTypes());
    }

    private record Snapshot(
            Map<String, ModelRef> machines, Map<String, ModelRef> types, Map<String, String> machineTypes) {}
}
