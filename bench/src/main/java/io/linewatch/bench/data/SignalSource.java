package io.linewatch.bench.data;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Draws samples round-robin over its machines. Each machine's ts is {@code max(previous + 1,
 * clock)}: close to real time, strictly increasing, so no two generated samples share (machine,
 * ts). Not thread-safe: one per worker, over a disjoint slice of the fleet.
 */
public final class SignalSource {

    /**
     * One sine period in 4096 steps: the generator must cost little next to the service it loads
     * on the same two cores, and a 45 s period still moves in 11 ms steps.
     */
    private static final int TABLE = 4096;

    private static final double[] SINE = new double[TABLE];

    static {
        for (int i = 0; i < TABLE; i++) {
            SINE[i] = Math.sin(2 * Math.PI * i / TABLE);
        }
    }

    private final List<SensorSpec> sensors;
    private final List<Fleet.Machine> machines;
    private final long[] lastTs;
    private final SplittableRandom random;
    private final LongSupplier clock;
    private final Sample sample;
    private int cursor;

    public SignalSource(Fleet fleet, List<Fleet.Machine> machines, long seed, LongSupplier clock) {
        if (machines.isEmpty()) {
            throw new IllegalArgumentException("a signal source needs at least one machine");
        }
        this.sensors = fleet.sensors();
        this.machines = machines;
        this.lastTs = new long[machines.size()];
        this.random = new SplittableRandom(seed);
        this.clock = clock;
        this.sample = new Sample(sensors.size());
    }

    /** The next sample; the returned object is overwritten by the following call. */
    public Sample next() {
        int m = cursor;
        cursor = (cursor + 1) % machines.size();
        Fleet.Machine machine = machines.get(m);
        long ts = Math.max(lastTs[m] + 1, clock.getAsLong());
        lastTs[m] = ts;
        sample.machineId = machine.id();
        sample.ts = ts;
        double seconds = ts / 1000.0;
        for (int s = 0; s < sensors.size(); s++) {
            SensorSpec spec = sensors.get(s);
            double turns = seconds / spec.periodSeconds() + (machine.phase() + s) / (2 * Math.PI);
            double wave = SINE[(int) ((turns - Math.floor(turns)) * TABLE) & (TABLE - 1)];
            double noise = (random.nextDouble() - 0.5) * 0.02 * spec.amplitude();
            double v = spec.nominal() + spec.amplitude() * wave + noise;
            sample.values[s] = Math.min(spec.max(), Math.max(spec.min(), v));
        }
        return sample;
    }

    public int machineCount() {
        return machines.size();
    }
}
