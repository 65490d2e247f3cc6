package io.linewatch.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SensorNormalizerUnitTest {

    @Test
    void standardisesNoisySensorsDifferencesTrendingOnesAndMapsConstantOnesToZero() {
        Random random = new Random(1);
        double[][] rows = new double[200][3];
        for (int r = 0; r < rows.length; r++) {
            rows[r][0] = 5 + random.nextGaussian() * 2; // noise: kept as level
            rows[r][1] = 20 + r * 0.1 + random.nextGaussian() * 0.01; // slow drift: differenced
            rows[r][2] = 7; // constant
        }

        SensorNormalizer normalizer = SensorNormalizer.fit(rows, 0, rows.length);

        assertThat(normalizer.differenced()).containsExactly(false, true, false);
        assertThat(normalizer.means()[0]).isCloseTo(5, within(0.5));
        assertThat(normalizer.means()[1]).isCloseTo(0.1, within(0.01));
        assertThat(normalizer.scales()[2]).isEqualTo(1.0);
        double[][] applied = normalizer.apply(rows);
        assertThat(applied[100][2]).isEqualTo(0.0);
        assertThat(applied[100][1]).isCloseTo(0.0, within(3.0));
        // a later level far outside training does not matter for a differenced sensor, only its change
        double[] later = normalizer.apply(new double[] {5, 500, 7}, new double[] {5, 499.9, 7});
        assertThat(later[1]).isCloseTo(0.0, within(3.0));
    }

    @Test
    void fitsOnTheGivenRangeOnly() {
        double[][] rows = {{1}, {-1}, {1}, {-1}, {100}, {300}};

        SensorNormalizer normalizer = SensorNormalizer.fit(rows, 0, 4);

        assertThat(normalizer.means()[0]).isCloseTo(0.0, within(1.0));
        assertThat(normalizer.differenced()).containsExactly(false);
    }
}
