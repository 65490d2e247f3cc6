package io.linewatch.bench.data;

import java.time.Instant;
import java.util.List;

/**
 * Writes a {@code POST /api/v1/telemetry} body: a JSON array of {@code {machineId, ts, values}},
 * ts as epoch milliseconds (or ISO-8601), values with three decimals.
 */
public final class JsonBatchWriter {

    private final byte[][] sensorKeys;
    private final boolean isoTs;

    public JsonBatchWriter(List<SensorSpec> sensors, boolean isoTs) {
        this.isoTs = isoTs;
        sensorKeys = new byte[sensors.size()][];
        for (int s = 0; s < sensors.size(); s++) {
            sensorKeys[s] =
                    ByteBuf.ascii((s == 0 ? "\"" : ",\"") + sensors.get(s).name() + "\":");
        }
    }

    private static final byte[] MACHINE = ByteBuf.ascii("{\"machineId\":\"");
    private static final byte[] TS = ByteBuf.ascii("\",\"ts\":");
    private static final byte[] VALUES = ByteBuf.ascii(",\"values\":{");

    /** Appends {@code count} samples from {@code source} as one JSON array. */
    public void writeBatch(SignalSource source, int count, ByteBuf out) {
        out.put((byte) '[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            Sample sample = source.next();
            out.put(MACHINE);
            out.putAscii(sample.machineId);
            out.put(TS);
            if (isoTs) {
                out.put((byte) '"');
                out.putAscii(Instant.ofEpochMilli(sample.ts).toString());
                out.put((byte) '"');
            } else {
                out.putLong(sample.ts);
            }
            out.put(VALUES);
            for (int s = 0; s < sensorKeys.length; s++) {
                out.put(sensorKeys[s]);
                out.putFixed(sample.values[s], 3);
            }
            out.put((byte) '}');
            out.put((byte) '}');
        }
        out.put((byte) ']');
    }
}
