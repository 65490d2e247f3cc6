package io.linewatch.monitor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionCountsUnitTest {

    @Test
    void followsSkabsDefinitionsMicroAveraged() {
        var first =
                ConfusionCounts.of(new boolean[] {true, true, false, false}, new boolean[] {true, false, true, false});
        var second = new ConfusionCounts(7, 1, 8, 2);

        var total = first.plus(second);

        assertThat(total).isEqualTo(new ConfusionCounts(8, 2, 9, 3));
        assertThat(total.f1()).isCloseTo(8 / (8 + 2.5), within(1e-12));
        assertThat(total.falseAlarmRate()).isCloseTo(2 / 11.0, within(1e-12));
        assertThat(total.missedAlarmRate()).isCloseTo(3 / 11.0, within(1e-12));
    }

    @Test
    void flaggingEverythingOnSkabLikeLabelsScoresAboutPointSeven() {
        boolean[] actual = new boolean[100];
        for (int i = 30; i < 84; i++) {
            actual[i] = true;
        }
        boolean[] all = new boolean[100];
        java.util.Arrays.fill(all, true);

        var counts = ConfusionCounts.of(all, actual);

        assertThat(counts.f1()).isCloseTo(0.70, within(0.01));
        assertThat(counts.falseAlarmRate()).isEqualTo(1.0);
    }
}
