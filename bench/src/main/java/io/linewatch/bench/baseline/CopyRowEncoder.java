package io.linewatch.bench.baseline;

import io.linewatch.bench.data.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PostgreSQL binary COPY rows of {@code (machine_id text, ts timestamptz, received_at timestamptz,
 * vals real[])}: the row the storing consumer writes, one per sample.
 */
final class CopyRowEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    private static final int FLOAT4_OID = 700;

    private byte[] buffer = new byte[1 << 20];
    private int length;

    void begin() {
        length = 0;
        bytes(SIGNATURE);
        int32(0);
        int32(0);
    }

    void row(Sample sample, long receivedAt) {
        int16(4);
        byte[] machine = sample.machineId().getBytes(StandardCharsets.UTF_8);
        int32(machine.length);
        bytes(machine);
        int32(8);
        int64((sample.ts() - POSTGRES_EPOCH_MILLIS) * 1000);
        int32(8);
        int64((receivedAt - POSTGRES_EPOCH_MILLIS) * 1000);
        double[] values = sample.values();
        int32(20 + values.length * 8);
        int32(1);
        int32(0);
        int32(FLOAT4_OID);
        int32(values.length);
        int32(1);
        for (double v : values) {
            int32(4);
            int32(Float.floatToRawIntBits((float) v));
        }
    }

    void end() {
        int16(-1);
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, length, b.length);
        length += b.length;
    }

    private void int16(int v) {
        ensure(2);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buffer[length++] = (byte) (v >>> 24);
        buffer[length++] = (byte) (v >>> 16);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }
}
