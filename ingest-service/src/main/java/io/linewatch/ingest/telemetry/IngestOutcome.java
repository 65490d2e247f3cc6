package io.linewatch.ingest.telemetry;

import java.util.List;
import java.util.Locale;

/**
 * What became of one request or MQTT message. {@code accepted} counts samples Kafka
 * acknowledged. {@code firstUnacceptedIndex} (null when everything was handled) is the row from
 * which nothing is known to be accepted: rows before it were acknowledged unless listed in
 * {@code errors}; the client resends from it (storage deduplicates, so a resent row that did get
 * through is harmless).
 */
public record IngestOutcome(
        Status status,
        long received,
        long accepted,
        long acceptedPoints,
        long rejected,
        List<RowError> errors,
        long errorsOmitted,
        Long firstUnacceptedIndex,
        String detail) {

    public enum Status {
        /** Every row valid and acknowledged. */
        ACCEPTED,
        /** Some rows rejected by validation, every valid one acknowledged. */
        PARTIALLY_ACCEPTED,
        /** Rows were read but none was valid. */
        REJECTED,
        /** {@code atomic=true} and at least one row invalid: nothing was sent. */
        ATOMIC_REJECTED,
        /** {@code atomic=true} and more rows than the atomic limit: nothing was sent. */
        TOO_LARGE,
        /** The body broke off (invalid JSON structure, bad CSV header). */
        MALFORMED,
        /** Kafka did not acknowledge everything. */
        UNAVAILABLE,
        /** Refused by backpressure: the storing side lags too much. */
        SHED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
