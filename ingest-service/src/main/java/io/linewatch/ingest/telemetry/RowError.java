package io.linewatch.ingest.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One reason one row was rejected. {@code index} is the 0-based position of the sample in the
 * request (a CSV data row, header not counted; an NDJSON non-blank line); {@code field} is
 * {@code machineId}, {@code ts}, {@code values.<sensor>} or {@code row}.
 */
public record RowError(long index, String field, @JsonIgnore Reason kind, String message) {

    public String reason() {
        return kind.code();
    }
}
