package io.linewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed row before validation: what the parser could read, plus the problems it already
 * found (a value that is no number, an unreadable ts). Parsers fill it; the session validates it.
 * Values are kept as parallel arrays in first-seen order (a repeated sensor keeps its position and
 * takes the later value, as a map would), so the hot path neither boxes nor builds a map.
 */
final class RowDraft {

    /** Up to this many values a repeated sensor is found by scanning; beyond, through an index. */
    private static final int SCAN_LIMIT = 16;

    final long index;
    String machineId;
    long ts = Timestamps.INVALID;
    boolean tsPresent;
    String[] sensors;
    double[] values;
    int valueCount;
    private Map<String, Integer> positions;
    List<RowError> errors;

    RowDraft(long index, int expectedValues) {
        this.index = index;
        int capacity = Math.max(4, expectedValues);
        this.sensors = new String[capacity];
        this.values = new double[capacity];
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
            return;
        }
        int at = position(sensor);
        if (at >= 0) {
            values[at] = value;
            return;
        }
        if (valueCount == sensors.length) {
            sensors = Arrays.copyOf(sensors, valueCount * 2);
            values = Arrays.copyOf(values, valueCount * 2);
        }
        sensors[valueCount] = sensor;
        values[valueCount] = value;
        if (positions != null) {
            positions.put(sensor, valueCount);
        }
        valueCount++;
    }

    private int position(String sensor) {
        if (positions != null) {
            Integer at = positions.get(sensor);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < valueCount; i++) {
            if (sensors[i].equals(sensor)) {
                return i;
            }
        }
        if (valueCount >= SCAN_LIMIT) {
            positions = new HashMap<>(valueCount * 4);
            for (int i = 0; i < valueCount; i++) {
                positions.put(sensors[i], i);
            }
        }
        return -1;
    }

    /** The values as a map in first-seen order; for tests and diagnostics, not the hot path. */
    Map<String, Double> values() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < valueCount; i++) {
            map.put(sensors[i], values[i]);
        }
        return map;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
