package io.linewatch.bench.data;

/** One generated sample, reused by its generator to keep the load generator's own CPU low. */
public final class Sample {

    String machineId;
    long ts;
    final double[] values;

    Sample(int sensors) {
        values = new double[sensors];
    }

    public String machineId() {
        return machineId;
    }

    public long ts() {
        return ts;
    }

    public double[] values() {
        return values;
    }
}
