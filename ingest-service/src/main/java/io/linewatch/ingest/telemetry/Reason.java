package io.linewatch.ingest.telemetry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a row was rejected; a closed set, so it is also a bounded metric tag. */
public enum Reason {
    MALFORMED,
    MISSING_FIELD,
    MACHINE_MISMATCH,
    UNKNOWN_MACHINE,
    UNKNOWN_SENSOR,
    NOT_NUMERIC,
    NOT_FINITE,
    OUT_OF_RANGE,
    INVALID_TIMESTAMP,
    TS_TOO_OLD,
    TS_IN_FUTURE;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The lower-case code used in response bodies and metric tags. */
    @JsonValue
    public String code() {
        return code;
    }
}
