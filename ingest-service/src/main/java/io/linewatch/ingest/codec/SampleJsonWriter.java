package io.linewatch.ingest.codec;

import io.linewatch.common.event.Decimals;
import io.linewatch.common.event.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.core.io.NumberOutput;

/**
 * Writes a {@link TelemetrySample} as the JSON of {@code docs/events.md}, byte for byte what
 * Jackson writes for the record ({@code {"schemaVersion":1,"machineId":..,"ts":..,"receivedAt":..,
 * "values":{..}}}, no spaces, UTF-8, Jackson's escapes), except that doubles are always in their
 * shortest round-trip form. Reuses one buffer: not thread-safe, one writer per thread.
 */
public final class SampleJsonWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEMA = ascii("{\"schemaVersion\":");
    private static final byte[] MACHINE = ascii(",\"machineId\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] RECEIVED_AT = ascii(",\"receivedAt\":");
    private static final byte[] VALUES = ascii(",\"values\":{");
    private static final byte[] NULL = ascii("null");

    private static final int NAME_CACHE_SIZE = 256;
    private static final int MAX_CACHED_NAME = 64;

    private final String[] cachedNames = new String[NAME_CACHE_SIZE];
    private final byte[][] cachedNameBytes = new byte[NAME_CACHE_SIZE][];
    private byte[] buffer = new byte[512];
    private int pos;

    /** The JSON of the sample, in a new array. */
    public byte[] write(TelemetrySample sample) {
        start(sample.schemaVersion(), sample.machineId(), sample.ts(), sample.receivedAt());
        boolean first = true;
        for (Map.Entry<String, Double> value : sample.values().entrySet()) {
            Double v = value.getValue();
            if (v == null) {
                name(value.getKey(), first);
                raw(NULL);
            } else {
                value(value.getKey(), v, first);
            }
            first = false;
        }
        return end();
    }

    /** The JSON of a sample of schema version 1 whose values are {@code sensors[i] -> values[i]}, i < count. */
    public byte[] write(String machineId, long ts, long receivedAt, String[] sensors, double[] values, int count) {
        start(TelemetrySample.SCHEMA_VERSION, machineId, ts, receivedAt);
        for (int i = 0; i < count; i++) {
            value(sensors[i], values[i], i == 0);
        }
        return end();
    }

    private void start(int schemaVersion, String machineId, long ts, long receivedAt) {
        pos = 0;
        raw(SCHEMA);
        ensure(12);
        pos = NumberOutput.outputInt(schemaVersion, buffer, pos);
        raw(MACHINE);
        string(machineId);
        raw(TS);
        ensure(21);
        pos = NumberOutput.outputLong(ts, buffer, pos);
        raw(RECEIVED_AT);
        ensure(21);
        pos = NumberOutput.outputLong(receivedAt, buffer, pos);
        raw(VALUES);
    }

    private void value(String sensor, double value, boolean first) {
        name(sensor, first);
        if (!Double.isFinite(value)) {
            string(Double.toString(value)); // as Jackson's default WRITE_NAN_AS_STRINGS; never sent by ingest
            return;
        }
        ensure(Decimals.MAX_LENGTH);
        pos = Decimals.write(value, buffer, pos);
    }

    private void name(String sensor, boolean first) {
        if (!first) {
            ensure(1);
            buffer[pos++] = ',';
        }
        if (sensor != null && sensor.length() <= MAX_CACHED_NAME) {
            cachedName(sensor);
        } else {
            string(sensor);
        }
        ensure(1);
        buffer[pos++] = ':';
    }

    /**
     * Sensor names repeat in every sample (and the parser hands out the same String instance for
     * a repeated name), so their encoded bytes are kept in a small direct-mapped cache.
     */
    private void cachedName(String sensor) {
        int slot = sensor.hashCode() & (NAME_CACHE_SIZE - 1);
        String cached = cachedNames[slot];
        if (cached == sensor || sensor.equals(cached)) {
            raw(cachedNameBytes[slot]);
            return;
        }
        int start = pos;
        string(sensor);
        cachedNames[slot] = sensor;
        cachedNameBytes[slot] = Arrays.copyOfRange(buffer, start, pos);
    }

    private byte[] end() {
        ensure(2);
        buffer[pos++] = '}';
        buffer[pos++] = '}';
        return Arrays.copyOf(buffer, pos);
    }

    /** A JSON string: ASCII is copied as is, quote, backslash and control characters escaped as Jackson does. */
    private void string(String s) {
        if (s == null) {
            raw(NULL);
            return;
        }
        int n = s.length();
        ensure(n + 2);
        byte[] out = buffer;
        int p = pos;
        out[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                out[p++] = (byte) c;
            } else {
                pos = p;
                escaped(s, i);
                return;
            }
        }
        out[p++] = '"';
        pos = p;
    }

    /** The rest of a string from {@code from} on, where something needs escaping or encoding. */
    private void escaped(String s, int from) {
        StringBuilder out = new StringBuilder(s.length() - from + 16);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        byte[] bytes = out.append('"').toString().getBytes(StandardCharsets.UTF_8);
        raw(bytes);
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, pos, bytes.length);
        pos += bytes.length;
    }

    private void ensure(int extra) {
        if (pos + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, pos + extra));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
