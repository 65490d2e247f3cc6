package io.linewatch.registry.catalog;

import io.linewatch.common.event.ModelEvent;
import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.registry.catalog.CatalogRepository.ModelRow;
import io.linewatch.registry.catalog.ModelViews.AliasMoveView;
import io.linewatch.registry.catalog.ModelViews.AliasView;
import io.linewatch.registry.catalog.ModelViews.ModelDetail;
import io.linewatch.registry.catalog.ModelViews.ModelSummary;
import io.linewatch.registry.catalog.ModelViews.Page;
import io.linewatch.registry.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Models, versions and aliases. Alias moves and version deletions lock the model row first, so
 * concurrent moves of one model are applied one after another and the audit history is a chain
 * in which every move's {@code from} is the previous move's {@code to}.
 */
@Service
class ModelCatalog {

    private final CatalogRepository repository;
    private final OutboxWriter outbox;
    private final Clock clock = Clock.systemUTC();

    ModelCatalog(CatalogRepository repository, OutboxWriter outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    @Transactional
    ModelSummary create(ModelRequests.CreateModel request, String actor) {
        Instant now = clock.instant();
        ModelRow row = new ModelRow(
                request.name(),
                request.description(),
                request.task(),
                request.tags() == null ? Map.of() : request.tags(),
                actor,
                now,
                now);
        if (!repository.insertModel(row)) {
            throw RegistryProblems.conflict(
                    "Model '" + request.name() + "' already exists.", Map.of("name", request.name()));
        }
        return ModelSummary.of(row);
    }

    @Transactional(readOnly = true)
    Page<ModelSummary> search(String name, String task, String tag, int page, int size) {
        String tagKey = null;
        String tagValue = null;
        if (tag != null && !tag.isBlank()) {
            int colon = tag.indexOf(':');
            tagKey = colon < 0 ? tag : tag.substring(0, colon);
            tagValue = colon < 0 ? null : tag.substring(colon + 1);
        }
        String namePart = name == null || name.isBlank() ? null : name;
        String taskPart = task == null || task.isBlank() ? null : task;
        List<ModelSummary> items =
                repository.searchModels(namePart, taskPart, tagKey, tagValue, size, (long) page * size).stream()
                        .map(ModelSummary::of)
                        .toList();
        return new Page<>(items, page, size, repository.countModels(namePart, taskPart, tagKey, tagValue));
    }

    @Transactional(readOnly = true)
    ModelDetail get(String name) {
        ModelRow row = model(name);
        return new ModelDetail(ModelSummary.of(row), repository.aliases(name), repository.findVersions(name));
    }

    @Transactional
    ModelSummary update(String name, ModelRequests.UpdateModel request) {
        model(name);
        repository.updateModel(name, request.description(), request.tags(), clock.instant());
        return ModelSummary.of(model(name));
    }

    @Transactional(readOnly = true)
    ModelVersionInfo version(String name, int version) {
        model(name);
        return repository
                .findVersion(name, version)
                .orElseThrow(() -> RegistryProblems.notFound("Version " + version + " of model '" + name + "'"));
    }

    @Transactional(readOnly = true)
    ModelVersionInfo resolve(String name, String alias) {
        model(name);
        int version = repository
                .findAlias(name, alias)
                .orElseThrow(() -> RegistryProblems.notFound("Alias '" + alias + "' of model '" + name + "'"));
        return repository.findVersion(name, version).orElseThrow();
    }

    @Transactional
    AliasView setAlias(String name, String alias, ModelRequests.SetAlias request, String actor) {
        ModelRow model = lock(name);
        int target = request.version();
        if (repository.findVersion(name, target).isEmpty()) {
            throw RegistryProblems.notFound("Version " + target + " of model '" + name + "'");
        }
        Optional<Integer> previous = repository.findAlias(name, alias);
        if (previous.isPresent() && previous.get() == target) {
            return new AliasView(name, alias, target, target);
        }
        Instant now = clock.instant();
        repository.upsertAlias(name, alias, target, actor, now);
        repository.insertMove(name, alias, previous.orElse(null), target, actor, request.reason(), now);
        outbox.append(
                event(ModelEvent.ALIAS_SET, model, target, alias, previous.orElse(null), actor, request.reason(), now));
        return new AliasView(name, alias, target, previous.orElse(null));
    }

    @Transactional
    void deleteAlias(String name, String alias, String reason, String actor) {
        ModelRow model = lock(name);
        int previous = repository
                .findAlias(name, alias)
                .orElseThrow(() -> RegistryProblems.notFound("Alias '" + alias + "' of model '" + name + "'"));
        Instant now = clock.instant();
        repository.deleteAlias(name, alias);
        repository.insertMove(name, alias, previous, null, actor, reason, now);
        outbox.append(event(ModelEvent.ALIAS_DELETED, model, null, alias, previous, actor, reason, now));
    }

    @Transactional(readOnly = true)
    List<AliasMoveView> history(String name, String alias) {
        model(name);
        return repository.history(name, alias).stream()
                .map(m -> new AliasMoveView(
                        m.alias(), m.fromVersion(), m.toVersion(), m.actor(), m.reason(), m.occurredAt()))
                .toList();
    }

    /** Deletes a version's metadata; its artifact goes with the next sweep if nothing else uses it. */
    @Transactional
    void deleteVersion(String name, int version, String actor) {
        ModelRow model = lock(name);
        ModelVersionInfo info = repository
                .findVersion(name, version)
                .orElseThrow(() -> RegistryProblems.notFound("Version " + version + " of model '" + name + "'"));
        if (!info.aliases().isEmpty()) {
            throw RegistryProblems.conflict(
                    "Version " + version + " of '" + name + "' is what alias(es) " + info.aliases()
                            + " point at; move or delete them first.",
                    Map.of("aliases", info.aliases()));
        }
        repository.deleteVersion(name, version);
        outbox.append(event(ModelEvent.VERSION_DELETED, model, version, null, null, actor, null, clock.instant()));
    }

    ModelRow model(String name) {
        return repository.findModel(name).orElseThrow(() -> RegistryProblems.notFound("Model '" + name + "'"));
    }

    ModelRow lock(String name) {
        return repository.lockModel(name).orElseThrow(() -> RegistryProblems.notFound("Model '" + name + "'"));
    }

    static ModelEvent event(
            String type,
            ModelRow model,
            Integer version,
            String alias,
            Integer previous,
            String actor,
            String reason,
            Instant at) {
        return new ModelEvent(
                ModelEvent.SCHEMA_VERSION,
                UUID.randomUUID(),
                type,
                model.name(),
                model.task(),
                version,
                alias,
                previous,
                actor,
                reason,
                at);
    }
}
