package io.linewatch.ingest.codec;

import io.linewatch.common.event.Decimals;
import io.linewatch.common.event.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the exact shape {@link SampleJsonWriter} writes (fields in record order, no whitespace,
 * printable ASCII strings without escapes, JSON numbers) into a {@link TelemetrySample}, with the
 * same result Jackson's databinding gives for those bytes. For anything else it answers
 * {@code null}, and the caller lets Jackson read the record. Not thread-safe: it remembers the
 * previous sample's sensor names so repeated names are not allocated again.
 */
final class SampleJsonReader {

    private static final byte[] SCHEMA = ascii("{\"schemaVersion\":");
    private static final byte[] MACHINE = ascii(",\"machineId\":\"");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] RECEIVED_AT = ascii(",\"receivedAt\":");
    private static final byte[] VALUES = ascii(",\"values\":{");

    private byte[] b;
    private int pos;
    private int end;
    private String[] names = new String[16];

    /** The sample, or {@code null} if the bytes are not in the writer's exact shape. */
    TelemetrySample read(byte[] bytes) {
        b = bytes;
        pos = 0;
        end = bytes.length;
        try {
            return sample();
        } finally {
            b = null;
        }
    }

    private TelemetrySample sample() {
        if (!literal(SCHEMA)) {
            return null;
        }
        long schemaVersion = integer(9);
        if (schemaVersion == Long.MIN_VALUE || !literal(MACHINE)) {
            return null;
        }
        int machineEnd = stringEnd();
        if (machineEnd < 0) {
            return null;
        }
        String machineId = new String(b, pos, machineEnd - pos, StandardCharsets.ISO_8859_1);
        pos = machineEnd + 1;
        if (!literal(TS)) {
            return null;
        }
        long ts = integer(18);
        if (ts == Long.MIN_VALUE || !literal(RECEIVED_AT)) {
            return null;
        }
        long receivedAt = integer(18);
        if (receivedAt == Long.MIN_VALUE || !literal(VALUES)) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>(16);
        if (pos < end && b[pos] == '}') {
            pos++;
        } else {
            for (int index = 0; ; index++) {
                if (pos >= end || b[pos] != '"') {
                    return null;
                }
                int nameEnd = stringEnd0(pos + 1);
                if (nameEnd < 0 || nameEnd + 1 >= end || b[nameEnd + 1] != ':') {
                    return null;
                }
                String name = name(index, pos + 1, nameEnd);
                pos = nameEnd + 2;
                int numberEnd = pos;
                boolean integral = true;
                while (numberEnd < end && isNumberByte(b[numberEnd])) {
                    if (b[numberEnd] == '.' || b[numberEnd] == 'e' || b[numberEnd] == 'E') {
                        integral = false;
                    }
                    numberEnd++;
                }
                double value = Decimals.parse(b, pos, numberEnd);
                if (Double.isNaN(value)) {
                    return null;
                }
                // Jackson reads an integer token as a long first, so "-0" is 0.0, not -0.0.
                values.put(name, integral && value == 0 ? 0.0 : value);
                pos = numberEnd;
                if (pos < end && b[pos] == ',') {
                    pos++;
                } else if (pos < end && b[pos] == '}') {
                    pos++;
                    break;
                } else {
                    return null;
                }
            }
        }
        if (pos != end - 1 || b[pos] != '}') {
            return null;
        }
        return new TelemetrySample((int) schemaVersion, machineId, ts, receivedAt, values);
    }

    /** The sensor name in [from, to); the same String as the previous sample's at this index when equal. */
    private String name(int index, int from, int to) {
        if (index < names.length) {
            String previous = names[index];
            if (previous != null && previous.length() == to - from && sameAscii(previous, from)) {
                return previous;
            }
        } else {
            names = Arrays.copyOf(names, Math.max(names.length * 2, index + 1));
        }
        String name = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        names[index] = name;
        return name;
    }

    private boolean sameAscii(String s, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
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

    /** Index of the closing quote of a string whose content starts at pos, or -1. */
    private int stringEnd() {
        return stringEnd0(pos);
    }

    private int stringEnd0(int from) {
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

    private boolean literal(byte[] expected) {
        if (end - pos < expected.length
                || !Arrays.equals(b, pos, pos + expected.length, expected, 0, expected.length)) {
            return false;
        }
        pos += expected.length;
        return true;
    }

    private static boolean isNumberByte(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
