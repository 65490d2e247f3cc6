package io.linewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed row before validation: what the parser could read, plus the problems it already
 * found (a value that is no number, an unreadable ts). Parsers fill it; the session validates it.
 */
final class RowDraft {

    final long index;
    String machineId;
    long ts = Timestamps.INVALID;
    boolean tsPresent;
    final Map<String, Double> values;
    List<RowError> errors;

    RowDraft(long index, int expectedValues) {
        this.index = index;
        this.values = new LinkedHashMap<>(Math.max(4, expectedValues * 2));
    }

    void reject(String field, Reason reason, String message) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(new RowError(index, field, reason, message));
    }

    boolean rejected() {
        return errors != null;
    }

    /** A textual cell or JSON string in a value position: classify as non-finite or non-numeric. */
    void rejectNonNumber(String sensor, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("nan")
                || t.equalsIgnoreCase("infinity")
                || t.equalsIgnoreCase("+infinity")
                || t.equalsIgnoreCase("-infinity")
                || t.equalsIgnoreCase("inf")
                || t.equalsIgnoreCase("-inf")) {
            reject("values." + sensor, Reason.NOT_FINITE, "'" + abbreviate(t) + "' is not a finite number");
        } else {
            reject("values." + sensor, Reason.NOT_NUMERIC, "'" + abbreviate(t) + "' is not a number");
        }
    }

    void putValue(String sensor, double value) {
        if (!Double.isFinite(value)) {
            reject("values." + sensor, Reason.NOT_FINITE, value + " is not a finite number");
        } else {
            values.put(sensor, value);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
