package io.linewatch.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdUnitTest {

    @Test
    void isThePercentileOfCalibrationScoresTimesTheFactorAndRecordsBoth() {
        double[] scores = new double[101];
        for (int i = 0; i <= 100; i++) {
            scores[i] = i;
        }

        Threshold threshold = Threshold.calibrate(scores, 99, 1.5);

        assertThat(threshold.calibrationPercentileScore()).isCloseTo(99, within(1e-9));
        assertThat(threshold.value()).isCloseTo(148.5, within(1e-9));
        assertThat(threshold.percentile()).isEqualTo(99);
        assertThat(threshold.factor()).isEqualTo(1.5);
        assertThat(threshold.calibrationWindows()).isEqualTo(101);
        assertThat(Threshold.calibrate(new double[] {1, 2}, 50, 1).value()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> Threshold.calibrate(new double[] {1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.calibrate(new double[] {1}, 99, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.calibrate(new double[0], 99, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
