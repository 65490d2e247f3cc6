package io.linewatch.quality.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightAverageUnitTest {

    @Test
    void startsFromTheFirstParametersAndThenMovesByOneMinusDecay() {
        WeightAverage average = new WeightAverage(0.9);
        INDArray params = Nd4j.createFromArray(1f, 2f);
        assertThat(average.active()).isFalse();

        average.update(params);
        params.assign(Nd4j.createFromArray(11f, -8f)); // the network's view changes in place
        average.update(params);

        assertThat(average.active()).isTrue();
        float[] w = average.weights().toFloatVector();
        assertThat((double) w[0]).isCloseTo(0.9 * 1 + 0.1 * 11, within(1e-5));
        assertThat((double) w[1]).isCloseTo(0.9 * 2 + 0.1 * -8, within(1e-5));
        average.weights().assign(0);
        assertThat(average.weights().toFloatVector()[0])
                .as("weights() is a copy")
                .isNotZero();
    }

    @Test
    void decayZeroIsOffAndOutOfRangeDecaysAreRefused() {
        WeightAverage off = new WeightAverage(0);
        off.update(Nd4j.createFromArray(1f));

        assertThat(off.active()).isFalse();
        assertThatThrownBy(() -> new WeightAverage(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightAverage(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
