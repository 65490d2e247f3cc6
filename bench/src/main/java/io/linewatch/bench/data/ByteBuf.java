package io.linewatch.bench.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for building request bodies without intermediate Strings. */
public final class ByteBuf {

    private byte[] bytes;
    private int size;

    public ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void putAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    void putLong(long v) {
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        ensure(20);
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }

    /** {@code v} with exactly {@code decimals} digits after the point, as a gateway prints a reading. */
    void putFixed(double v, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(v * scale);
        if (scaled < 0) {
            put((byte) '-');
            scaled = -scaled;
        }
        putLong(scaled / scale);
        if (decimals > 0) {
            put((byte) '.');
            long frac = scaled % scale;
            for (long d = scale / 10; d > 0; d /= 10) {
                put((byte) ('0' + (frac / d) % 10));
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
