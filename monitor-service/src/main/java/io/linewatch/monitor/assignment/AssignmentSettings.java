package io.linewatch.monitor.assignment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.monitor.assignment.*}: {@code machineTypes} declares machine types in
 * configuration (machine id -> type; a type declared over the API wins), {@code refreshInterval}
 * bounds how long a change made through another instance takes to be seen here.
 */
@Validated
@ConfigurationProperties("linewatch.monitor.assignment")
record AssignmentSettings(
        Map<String, String> machineTypes,
        @DefaultValue("10s") @NotNull Duration refreshInterval) {

    AssignmentSettings {
        machineTypes = machineTypes == null ? Map.of() : Map.copyOf(machineTypes);
    }
}
