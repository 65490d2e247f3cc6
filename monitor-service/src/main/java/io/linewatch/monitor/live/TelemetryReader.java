package io.linewatch.monitor.live;

import io.linewatch.common.event.Decimals;
import io.linewatch.common.event.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code linewatch.telemetry.v1} values for live scoring without building a
 * {@code TelemetrySample} and its map: {@link #peek} reads a record only up to its machine id;
 * {@link #read} then reads it whole in one pass, checking its structure and, for a machine a model
 * serves, putting the model's sensors straight into an array in the model's order. Records of
 * machines no model serves are checked but no number of theirs is converted.
 *
 * <p>The fast path takes one JSON object with the five contract fields in any order, optional
 * whitespace, strings without escapes or non-ASCII bytes, integers for {@code schemaVersion},
 * {@code ts} and {@code receivedAt}, and numbers or {@code null} as sensor values. Anything else
 * (escapes, unknown or repeated fields, numbers as strings, trailing bytes) is read by Jackson into
 * a {@code TelemetrySample} as before, so every record means what Jackson's databinding makes of
 * it: a record Jackson cannot read, or without machine id or values, is unreadable (dead letter).
 * Not thread-safe: one per consumer thread.
 */
final class TelemetryReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] SCHEMA_VERSION = ascii("schemaVersion");
    private static final byte[] MACHINE_ID = ascii("machineId");
    private static final byte[] TS = ascii("ts");
    private static final byte[] RECEIVED_AT = ascii("receivedAt");
    private static final byte[] VALUES = ascii("values");
    private final Map<List<String>, byte[][]> sensorNames = new IdentityHashMap<>();
    private List<String> lastSensors;
    private byte[][] lastNames;
    private boolean[] present = new boolean[8];

    private byte[] b;
    private int pos;
    private int end;
    private TelemetrySample sample;
    private String machineId;
    private long ts;

    /** {@link #read}: the sample has all the model's sensors, finite, in {@code out}. */
    static final int READ = 0;
    /** {@link #read}: readable, but a model sensor is missing, null or not finite (the sample is skipped). */
    static final int SKIP = 1;
    /** {@link #read} and {@link #peek}: not a readable telemetry record (dead letter). */
    static final int UNREADABLE = 2;

    private static final int PEEK = 0;
    private static final int CHECK = 1;
    private static final int PARSE = 2;

    /**
     * Pass 1: reads the record up to its machine id ({@link #machineId}); false when it is
     * unreadable as far as that. {@code value} is the record's bytes, or a sample already decoded.
     * When the fast path cannot read that far Jackson reads the whole record ({@link #decoded}).
     */
    boolean peek(Object value) {
        sample = null;
        machineId = null;
        if (value instanceof TelemetrySample decoded) {
            return use(decoded);
        }
        if (!(value instanceof byte[] bytes)) {
            return false;
        }
        if (scan(bytes, PEEK, null, null)) {
            return true;
        }
        return jackson(bytes);
    }

    /**
     * Pass 2: reads the whole record, {@code sensors} (null: only checks it) in that order into
     * {@code out}; {@code decoded} is what {@link #decoded} gave in pass 1 (null when the fast path
     * read that far). Returns {@link #READ}, {@link #SKIP} or {@link #UNREADABLE};
     * {@link #machineId} and {@link #ts} are the record's afterwards.
     */
    int read(Object value, TelemetrySample decoded, List<String> sensors, double[] out) {
        sample = null;
        machineId = null;
        if (decoded == null && value instanceof TelemetrySample given) {
            decoded = given;
        }
        if (decoded == null) {
            if (!(value instanceof byte[] bytes)) {
                return UNREADABLE;
            }
            if (sensors != null && present.length < sensors.size()) {
                present = new boolean[sensors.size()];
            }
            if (scan(bytes, sensors == null ? CHECK : PARSE, sensors == null ? null : names(sensors), out)) {
                if (sensors == null) {
                    return READ;
                }
                for (int s = 0; s < sensors.size(); s++) {
                    if (!present[s] || !Double.isFinite(out[s])) {
                        return SKIP;
                    }
                }
                return READ;
            }
            if (!jackson(bytes)) {
                return UNREADABLE;
            }
        } else if (!use(decoded)) {
            return UNREADABLE;
        }
        return sensors == null ? READ : fromMap(sensors, out);
    }

    private boolean jackson(byte[] bytes) {
        b = null;
        machineId = null;
        TelemetrySample decoded;
        try {
            decoded = JSON.readValue(bytes, TelemetrySample.class);
        } catch (RuntimeException e) {
            return false;
        }
        return use(decoded);
    }

    private boolean use(TelemetrySample decoded) {
        if (decoded == null || decoded.machineId() == null || decoded.values() == null) {
            return false;
        }
        sample = decoded;
        machineId = decoded.machineId();
        ts = decoded.ts();
        return true;
    }

    private int fromMap(List<String> sensors, double[] out) {
        Map<String, Double> values = sample.values();
        for (int s = 0; s < sensors.size(); s++) {
            Double value = values.get(sensors.get(s));
            if (value == null || !Double.isFinite(value)) {
                return SKIP;
            }
            out[s] = value;
        }
        return READ;
    }

    String machineId() {
        return machineId;
    }

    long ts() {
        return ts;
    }

    /** The record as Jackson read it (the fast path could not), or null. */
    TelemetrySample decoded() {
        return sample;
    }

    /** The model sensor named by bytes [from, to), or -1; the k-th name is tried first. */
    private int index(byte[][] names, int k, int from, int to) {
        if (k < names.length && same(names[k], from, to)) {
            return k;
        }
        for (int s = 0; s < names.length; s++) {
            if (s != k && same(names[s], from, to)) {
                return s;
            }
        }
        return -1;
    }

    private boolean same(byte[] name, int from, int to) {
        return name.length == to - from && java.util.Arrays.equals(name, 0, name.length, b, from, to);
    }

    private byte[][] names(List<String> sensors) {
        if (sensors == lastSensors) {
            return lastNames;
        }
        byte[][] names = sensorNames.computeIfAbsent(sensors, list -> {
            byte[][] bytes = new byte[list.size()][];
            for (int s = 0; s < bytes.length; s++) {
                bytes[s] = list.get(s).getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        });
        if (sensorNames.size() > 64) {
            sensorNames.clear(); // models come and go with hot swaps; never grow without bound
        }
        lastSensors = sensors;
        lastNames = names;
        return names;
    }

    /**
     * The fast path: one pass over the bytes, up to the machine id ({@code PEEK}), or all of it
     * checking the values ({@code CHECK}) or also reading the model's ones ({@code PARSE}); false
     * sends the record to Jackson.
     */
    private boolean scan(byte[] bytes, int mode, byte[][] names, double[] out) {
        b = bytes;
        pos = 0;
        end = bytes.length;
        skipSpace();
        if (pos >= end || b[pos++] != '{') {
            return false;
        }
        int seen = 0;
        skipSpace();
        if (pos < end && b[pos] == '}') {
            return false;
        }
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int keyFrom = pos + 1;
            int keyTo = stringEnd(keyFrom);
            if (keyTo < 0) {
                return false;
            }
            pos = keyTo + 1;
            skipSpace();
            if (pos >= end || b[pos++] != ':') {
                return false;
            }
            skipSpace();
            int field = field(keyFrom, keyTo);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return false;
            }
            seen |= 1 << field;
            switch (field) {
                case 1 -> {
                    if (pos >= end || b[pos] != '"') {
                        return false;
                    }
                    int idTo = stringEnd(pos + 1);
                    if (idTo < 0) {
                        return false;
                    }
                    machineId = new String(b, pos + 1, idTo - pos - 1, StandardCharsets.ISO_8859_1);
                    if (mode == PEEK) {
                        return true;
                    }
                    pos = idTo + 1;
                }
                case 4 -> {
                    if (!values(mode == PARSE ? names : null, out)) {
                        return false;
                    }
                }
                default -> {
                    long value = integer(field == 0 ? 9 : 18);
                    if (value == Long.MIN_VALUE) {
                        return false;
                    }
                    if (field == 2) {
                        ts = value;
                    }
                }
            }
            skipSpace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return false;
            }
            skipSpace();
        }
        skipSpace();
        return pos == end && seen == 0b11111;
    }

    private int field(int from, int to) {
        if (same(SCHEMA_VERSION, from, to)) {
            return 0;
        }
        if (same(MACHINE_ID, from, to)) {
            return 1;
        }
        if (same(TS, from, to)) {
            return 2;
        }
        if (same(RECEIVED_AT, from, to)) {
            return 3;
        }
        if (same(VALUES, from, to)) {
            return 4;
        }
        return -1;
    }

    /**
     * Checks {"name": number|null, ...} and moves past it; with {@code names}, the values of the
     * model's sensors go to {@code out} and {@code present} (a repeated name: the last one counts,
     * as in Jackson's map).
     */
    private boolean values(byte[][] names, double[] out) {
        if (names != null) {
            java.util.Arrays.fill(present, 0, names.length, false);
        }
        if (pos >= end || b[pos++] != '{') {
            return false;
        }
        skipSpace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return true;
        }
        for (int k = 0; ; k++) {
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int nameFrom = pos + 1;
            int nameTo = stringEnd(nameFrom);
            if (nameTo < 0) {
                return false;
            }
            pos = nameTo + 1;
            skipSpace();
            if (pos >= end || b[pos++] != ':') {
                return false;
            }
            skipSpace();
            int index = names == null ? -1 : index(names, k, nameFrom, nameTo);
            if (end - pos >= 4 && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
                pos += 4;
                if (index >= 0) {
                    present[index] = false;
                }
            } else {
                int from = pos;
                pos = numberEnd(from);
                if (pos < 0) {
                    return false;
                }
                if (index >= 0) {
                    out[index] = number(from, pos);
                    present[index] = true;
                }
            }
            skipSpace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            skipSpace();
        }
    }

    /** The end of the JSON number starting at {@code from} (RFC 8259 grammar), or -1; nothing is converted. */
    private int numberEnd(int from) {
        int i = from;
        if (i < end && b[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == digits || (b[digits] == '0' && i - digits > 1)) {
            return -1;
        }
        if (i < end && b[i] == '.') {
            int fraction = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                return -1;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exponent = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == exponent) {
                return -1;
            }
        }
        return i;
    }

    /** A JSON integer of at most maxDigits digits (no fraction, no exponent), or Long.MIN_VALUE. */
    private long integer(int maxDigits) {
        int length = Decimals.integerLength(b, pos, end, maxDigits);
        if (length < 0) {
            return Long.MIN_VALUE;
        }
        long value = Decimals.integerValue(b, pos, length);
        pos += length;
        return value;
    }

    /**
     * The JSON number in [from, to) as the nearest double (as Jackson and {@code
     * Double.parseDouble} read it), NaN when it is not a JSON number. Few significant digits take
     * Clinger's exact fast path. An integer token reads "-0" as 0.0, as Jackson does.
     */
    private double number(int from, int to) {
        double value = Decimals.parse(b, from, to);
        if (value == 0.0 && Double.doubleToRawLongBits(value) != 0L && isInteger(from, to)) {
            return 0.0; // Jackson reads the integer token -0 as the int 0
        }
        return value;
    }

    private boolean isInteger(int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    /** Index of the closing quote of a string whose content starts at from, or -1 (escapes, control or non-ASCII bytes). */
    private int stringEnd(int from) {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\') { // negative bytes (non-ASCII) too
                return -1;
            }
        }
        return -1;
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }

    private static boolean isNumberByte(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
