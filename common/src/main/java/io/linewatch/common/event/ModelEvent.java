package io.linewatch.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A change in the model registry: a version was registered or deleted, or an alias was set,
 * moved or deleted.
 *
 * <p>Topic {@code linewatch.model-events.v1}, key = {@code modelName}, so the changes of one
 * model are ordered. {@code type} is one of {@code VERSION_REGISTERED}, {@code VERSION_DELETED},
 * {@code ALIAS_SET}, {@code ALIAS_DELETED}. For alias events {@code alias} is set,
 * {@code previousVersion} is null when the alias is new and {@code version} is null when it was
 * deleted.
 */
public record ModelEvent(
        int schemaVersion,
        UUID eventId,
        String type,
        String modelName,
        String task,
        Integer version,
        String alias,
        Integer previousVersion,
        String actor,
        String reason,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public static final String VERSION_REGISTERED = "VERSION_REGISTERED";
    public static final String VERSION_DELETED = "VERSION_DELETED";
    public static final String ALIAS_SET = "ALIAS_SET";
    public static final String ALIAS_DELETED = "ALIAS_DELETED";
}
