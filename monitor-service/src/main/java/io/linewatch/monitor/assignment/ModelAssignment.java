package io.linewatch.monitor.assignment;

import java.time.Instant;

/** One assignment: {@code scope} MACHINE (target = machine id) or TYPE (target = machine type). */
record ModelAssignment(String scope, String target, String modelName, String alias, Instant updatedAt) {

    static final String MACHINE = "MACHINE";
    static final String TYPE = "TYPE";
}
