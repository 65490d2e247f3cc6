package io.linewatch.ingest.telemetry;

/**
 * One reason one row was rejected. {@code index} is the 0-based position of the sample in the
 * request (a CSV data row, header not counted; an NDJSON non-blank line); {@code field} is
 * {@code machineId}, {@code ts}, {@code values.<sensor>} or {@code row}; {@code reason} is
 * serialized as its lower-case code.
 */
public record RowError(long index, String field, Reason reason, String message) {}
