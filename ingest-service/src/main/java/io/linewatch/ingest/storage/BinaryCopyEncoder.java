package io.linewatch.ingest.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Encodes merged samples in PostgreSQL's binary COPY format as rows of
 * {@code (machine_id text, ts timestamptz, received_at timestamptz, vals real[])}. Binary saves
 * the server from parsing float text, the largest part of COPY's cost for a row of numbers.
 * Not thread-safe: each consumer thread uses its own encoder.
 */
final class BinaryCopyEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    private static final int FLOAT4_OID = 700;

    private byte[] buffer = new byte[1 << 16];
    private int length;
    private float[] values = new float[16];
    private boolean[] present = new boolean[16];
    private int[] slotOf = new int[16];
    private float[] valueOf = new float[16];

    /** Encodes the rows; the result is valid until the next call. */
    BinaryCopyEncoder encode(Iterable<MergedSamples.Row> rows, Map<String, Map<String, Integer>> slots) {
        length = 0;
        bytes(SIGNATURE);
        int32(0);
        int32(0);
        for (MergedSamples.Row row : rows) {
            row(row, slots.get(row.machineId));
        }
        int16(-1);
        return this;
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    private void row(MergedSamples.Row row, Map<String, Integer> machineSlots) {
        int16(4);
        byte[] machine = row.machineId.getBytes(StandardCharsets.UTF_8);
        int32(machine.length);
        bytes(machine);
        int32(8);
        int64((row.ts - POSTGRES_EPOCH_MILLIS) * 1000);
        int32(8);
        int64((row.receivedAt - POSTGRES_EPOCH_MILLIS) * 1000);

        int count = row.values.size();
        if (slotOf.length < count) {
            slotOf = new int[count * 2];
            valueOf = new float[count * 2];
        }
        int size = 0;
        int n = 0;
        for (Map.Entry<String, Double> value : row.values.entrySet()) {
            int slot = machineSlots.get(value.getKey()); // one lookup per value
            slotOf[n] = slot;
            valueOf[n++] = value.getValue().floatValue();
            size = Math.max(size, slot);
        }
        if (values.length < size) {
            values = new float[size * 2];
            present = new boolean[size * 2];
        }
        Arrays.fill(present, 0, size, false);
        for (int i = 0; i < count; i++) {
            values[slotOf[i] - 1] = valueOf[i];
            present[slotOf[i] - 1] = true;
        }
        int32(20 + size * 4 + count * 4);
        int32(1);
        int32(count < size ? 1 : 0);
        int32(FLOAT4_OID);
        int32(size);
        int32(1);
        for (int i = 0; i < size; i++) {
            if (present[i]) {
                int32(4);
                int32(Float.floatToRawIntBits(values[i]));
            } else {
                int32(-1);
            }
        }
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
