package io.linewatch.monitor.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreUnitTest {

    @Test
    void sharesAreEachSensorsPartOfTheErrorAndAddUpToOne() {
        Score score = Score.fromSensorErrors(new double[] {1, 3, 0, 4});

        assertThat(score.value()).isCloseTo(2.0, within(1e-12));
        assertThat(score.contributions()).containsExactly(0.125, 0.375, 0.0, 0.5);
        assertThat(Arrays.stream(score.contributions()).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(score.top(List.of("a", "b", "c", "d"), 2))
                .containsExactly(new Score.SensorShare("d", 0.5), new Score.SensorShare("b", 0.375));
    }

    @Test
    void aPerfectReconstructionSharesEqually() {
        assertThat(Score.fromSensorErrors(new double[] {0, 0}).contributions()).containsExactly(0.5, 0.5);
    }
}
