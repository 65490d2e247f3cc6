package io.linewatch.monitor.live;

import io.linewatch.monitor.model.SensorNormalizer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A model's {@link SensorNormalizer} applied in place on flat rings of rows, with exactly its
 * arithmetic (difference trending sensors, then standardise), without allocating per row.
 */
final class RowNormalizer {

    private static final Map<SensorNormalizer, RowNormalizer> OF = Collections.synchronizedMap(new WeakHashMap<>());

    private final double[] means;
    private final double[] scales;
    private final boolean[] differenced;

    private RowNormalizer(SensorNormalizer normalizer) {
        this.means = normalizer.means();
        this.scales = normalizer.scales();
        this.differenced = normalizer.differenced();
    }

    /** The one instance for a normalizer (models are shared by all machines they serve). */
    static RowNormalizer of(SensorNormalizer normalizer) {
        return OF.computeIfAbsent(normalizer, RowNormalizer::new);
    }

    /**
     * Row {@code row} of {@code raw} (rows of {@code width} values) normalised into the same row of
     * {@code out}; {@code previous} is the row before it, or -1 for the first row of a series (its
     * differenced sensors then read 0), as {@link SensorNormalizer#apply(double[], double[])}.
     */
    void apply(double[] raw, int row, int previous, double[] out, int width) {
        int base = row * width;
        int prev = previous * width;
        for (int s = 0; s < width; s++) {
            double changed = raw[base + s];
            if (differenced[s]) {
                changed = previous < 0 ? 0.0 : raw[base + s] - raw[prev + s];
            }
            out[base + s] = (changed - means[s]) / scales[s];
        }
    }
}
