package io.linewatch.bench.data;

/**
 * One sensor as registered in the asset model, plus the signal the generator draws for it: {@code
 * nominal ± amplitude} as a sine of {@code periodSeconds}, always inside {@code [min, max]}.
 */
public record SensorSpec(
        String name,
        String unit,
        double min,
        double max,
        double nominal,
        double amplitude,
        double periodSeconds,
        long samplingIntervalMs) {}
