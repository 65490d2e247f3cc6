package io.linewatch.bench.data;

import java.util.ArrayList;
import java.util.List;

/** The machines and sensors of a benchmark run; every machine has the same sensors (one machine type). */
public record Fleet(List<String> lineIds, List<Machine> machines, List<SensorSpec> sensors) {

    public record Machine(String id, String lineId, double phase) {}

    private static final List<SensorSpec> CATALOG = List.of(
            new SensorSpec("spindle_temp", "degC", -20, 200, 65, 12, 600, 100),
            new SensorSpec("spindle_speed", "rpm", 0, 24_000, 12_000, 1_500, 300, 100),
            new SensorSpec("vibration_rms", "mm/s", 0, 50, 3.5, 1.2, 45, 100),
            new SensorSpec("motor_current", "A", 0, 120, 22, 6, 120, 100),
            new SensorSpec("hydraulic_pressure", "bar", 0, 400, 180, 15, 240, 100),
            new SensorSpec("coolant_flow", "l/min", 0, 200, 40, 5, 900, 100),
            new SensorSpec("coolant_temp", "degC", -20, 120, 24, 3, 1_200, 100),
            new SensorSpec("power", "kW", 0, 500, 35, 9, 180, 100));

    /** {@code machines} machines named {@code bench-m-00001...}, spread over {@code ceil(machines / 50)} lines. */
    public static Fleet of(int machines, int sensors) {
        if (machines < 1 || sensors < 1) {
            throw new IllegalArgumentException("need at least one machine and one sensor");
        }
        List<SensorSpec> specs = new ArrayList<>(sensors);
        for (int i = 0; i < sensors; i++) {
            SensorSpec base = CATALOG.get(i % CATALOG.size());
            int round = i / CATALOG.size();
            specs.add(
                    round == 0
                            ? base
                            : new SensorSpec(
                                    base.name() + "_" + (round + 1),
                                    base.unit(),
                                    base.min(),
                                    base.max(),
                                    base.nominal(),
                                    base.amplitude(),
                                    base.periodSeconds(),
                                    base.samplingIntervalMs()));
        }
        int lines = (machines + 49) / 50;
        List<String> lineIds = new ArrayList<>(lines);
        for (int l = 1; l <= lines; l++) {
            lineIds.add(String.format("bench-line-%03d", l));
        }
        List<Machine> list = new ArrayList<>(machines);
        for (int m = 1; m <= machines; m++) {
            // A golden-ratio phase keeps neighbouring machines' signals apart.
            double phase = (m * 0.6180339887498949 % 1.0) * 2 * Math.PI;
            list.add(new Machine(String.format("bench-m-%05d", m), lineIds.get((m - 1) / 50), phase));
        }
        return new Fleet(List.copyOf(lineIds), List.copyOf(list), List.copyOf(specs));
    }

    /** The machines of worker {@code part} of {@code parts}: disjoint, so each machine's ts advances in one thread. */
    public List<Machine> slice(int part, int parts) {
        List<Machine> slice = new ArrayList<>();
        for (int i = part; i < machines.size(); i += parts) {
            slice.add(machines.get(i));
        }
        return slice;
    }
}
