/**
 * Which registry model (name + alias) scores which machine: assignments per machine id or per
 * machine type in {@code monitor.model_assignments}, machine types declared over the same API
 * ({@code monitor.machine_types}) or in configuration, and {@code /api/v1/model-assignments}. A
 * machine's own assignment beats its type's.
 */
package io.linewatch.monitor.assignment;
