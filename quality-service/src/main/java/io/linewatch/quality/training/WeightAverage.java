package io.linewatch.quality.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of a network's parameters, updated after every mini-batch step:
 * {@code average = decay * average + (1 - decay) * params}. The first update copies the parameters.
 * With decay 0 it is off and keeps nothing.
 */
final class WeightAverage {

    private final double decay;
    private INDArray average;

    WeightAverage(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1)");
        }
        this.decay = decay;
    }

    boolean active() {
        return decay > 0 && average != null;
    }

    void update(INDArray params) {
        if (decay == 0) {
            return;
        }
        if (average == null) {
            average = params.dup();
        } else {
            average.muli(decay).addi(params.mul(1 - decay));
        }
    }

    /** The averaged parameters (a copy). */
    INDArray weights() {
        if (average == null) {
            throw new IllegalStateException("no update yet");
        }
        return average.dup();
    }
}
