package io.linewatch.monitor.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AutoencoderScorerUnitTest {

    @Test
    void theLivePathsScaledErrorsGiveTheSameScoresAsScore() {
        DetectorSettings settings =
                new DetectorSettings(6, 8, 0.01, 1, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), 5L);
        ModelBundle bundle = new DetectorTrainer(settings)
                .train(SyntheticMachine.normal(120, 3, 5L), List.of("a", "b", "c"))
                .bundle();
        double[][] rows = bundle.normalizer()
                .apply(SyntheticMachine.withFault(SyntheticMachine.normal(60, 3, 9L), 1, 30, 40, 4.0));
        List<double[][]> windows = new ArrayList<>();
        for (int end = 6; end <= rows.length; end += 3) {
            windows.add(java.util.Arrays.copyOfRange(rows, end - 6, end));
        }
        INDArray input = Windows.floats(windows);
        AutoencoderScorer scorer = bundle.scorer(64);
        Score[] expected = scorer.score(input);

        float[] flat = input.data().asFloat();
        double[] errors = new double[windows.size() * 3];
        scorer.scaledErrors(input, flat, windows.size(), errors);

        for (int b = 0; b < windows.size(); b++) {
            Score actual = Score.fromSensorErrors(java.util.Arrays.copyOfRange(errors, b * 3, b * 3 + 3));
            assertThat(actual.value())
                    .as("window " + b)
                    .isCloseTo(expected[b].value(), within(1e-5 * Math.max(1, expected[b].value())));
            for (int s = 0; s < 3; s++) {
                assertThat(actual.contributions()[s]).isCloseTo(expected[b].contributions()[s], within(1e-4));
            }
        }
    }
}
