package io.linewatch.common.event;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.NumberOutput;

/**
 * Doubles to and from JSON number text, exactly: a written double parses back to the same bits.
 * Both directions have a fast path for the common case of sensor readings (few significant
 * digits) and fall back to the exact general algorithms (Schubfach via Jackson for writing, the
 * JDK for reading) for everything else. Shared by ingest-service's telemetry codec (writing
 * and reading {@code linewatch.telemetry.v1}) and monitor-service's telemetry reader, so both
 * read every value on the topic to the same double.
 */
public final class Decimals {

    /** Returned by {@link #parse} for text that is not a JSON number. */
    public static final double NOT_A_NUMBER = Double.NaN;

    /** Room {@link #write} needs at most ("-2.2250738585072014E-308"). */
    public static final int MAX_LENGTH = 24;

    private static final double[] POWERS = new double[23];
    private static final long[] LONG_POWERS = new long[16];
    /** Fast-path decimals have at most 15 digits, so rounding to an integer is unambiguous. */
    private static final long MAX_FAST_DIGITS = 1_000_000_000_000_000L;
    /** Clinger's fast path: a mantissa below 2^53 is exact in a double. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
        long q = 1;
        for (int i = 0; i < LONG_POWERS.length; i++) {
            LONG_POWERS[i] = q;
            q *= 10;
        }
    }

    private Decimals() {}

    /**
     * Writes {@code v} (finite) as {@code Double.toString} of Java 19+ does (the shortest decimal
     * that reads back to {@code v}) and returns the position after it. Needs {@link #MAX_LENGTH} bytes of room.
     */
    public static int write(double v, byte[] out, int pos) {
        if (v == 0) {
            return ascii(Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0", out, pos);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            // The fewest fraction digits k for which some integer m gives m / 10^k == a. Division
            // of two exact doubles is correctly rounded, so that is exactly how m·10^-k is read.
            for (int k = 0; k < LONG_POWERS.length; k++) {
                double scaled = a * POWERS[k];
                if (scaled >= MAX_FAST_DIGITS) {
                    break;
                }
                long m = Math.round(scaled);
                if (m / POWERS[k] == a) {
                    if (v < 0) {
                        out[pos++] = '-';
                    }
                    return plain(m, k, out, pos);
                }
            }
        }
        return ascii(NumberOutput.toString(v, true), out, pos);
    }

    private static int plain(long m, int k, byte[] out, int pos) {
        long integer = m / LONG_POWERS[k];
        long fraction = m - integer * LONG_POWERS[k];
        pos = NumberOutput.outputLong(integer, out, pos);
        out[pos++] = '.';
        if (k == 0) {
            out[pos++] = '0';
            return pos;
        }
        for (int i = k - 1; i >= 0; i--) {
            out[pos + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return pos + k;
    }

    private static int ascii(String s, byte[] out, int pos) {
        s.getBytes(0, s.length(), out, pos); // ASCII only: digits, '.', '-', 'E'
        return pos + s.length();
    }

    /**
     * Reads the JSON number in {@code [from, to)} (RFC 8259 grammar: no '+', no leading zeros, no
     * NaN) as the nearest double, like {@code Double.parseDouble}; {@link #NOT_A_NUMBER} if the
     * text is not a JSON number. Overflow gives an infinity, as in {@code Double.parseDouble}.
     */
    public static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long mantissa = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            mantissa = mantissa * 10 + (b[i] - '0');
            i++;
        }
        digits = i - digitsStart;
        if (digits == 0 || (b[digitsStart] == '0' && digits > 1)) {
            return NOT_A_NUMBER;
        }
        int fractionDigits = 0;
        if (i < to && b[i] == '.') {
            int fractionStart = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                mantissa = mantissa * 10 + (b[i] - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0) {
                return NOT_A_NUMBER;
            }
        }
        int exponent = 0;
        boolean hasExponent = i < to && (b[i] == 'e' || b[i] == 'E');
        if (hasExponent) {
            i++;
            boolean negativeExponent = i < to && b[i] == '-';
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exponentStart = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (i - exponentStart < 9) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
                i++;
            }
            if (i == exponentStart) {
                return NOT_A_NUMBER;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return NOT_A_NUMBER;
        }
        int scale = exponent - fractionDigits;
        if (digits + fractionDigits <= 18 && mantissa < MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
            double value = scale >= 0 ? mantissa * POWERS[scale] : mantissa / POWERS[-scale];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /**
     * Length of the JSON integer starting at {@code from} (an optional '-', 1 to {@code maxDigits}
     * digits, no leading zero, not followed by a fraction or an exponent), or -1 when there is none.
     * With {@code maxDigits} at most 18 the value always fits a long.
     */
    public static int integerLength(byte[] b, int from, int end, int maxDigits) {
        int start = from < end && b[from] == '-' ? from + 1 : from;
        int i = start;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int digits = i - start;
        if (digits == 0 || digits > maxDigits || (digits > 1 && b[start] == '0')) {
            return -1;
        }
        if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        return i - from;
    }

    /** The value of an integer of {@code length} bytes at {@code from} accepted by {@link #integerLength}. */
    public static long integerValue(byte[] b, int from, int length) {
        boolean negative = b[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < from + length; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return negative ? -value : value;
    }
}
