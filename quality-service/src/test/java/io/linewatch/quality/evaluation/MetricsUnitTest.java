package io.linewatch.quality.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsUnitTest {

    @Test
    void rocAucMatchesHandComputedValuesIncludingTies() {
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
        assertThat(RocAuc.of(new double[] {0.5, 0.5}, new boolean[] {true, false}))
                .isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {0.2, 0.9}, new boolean[] {false, true}))
                .isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.2, 0.9}, new boolean[] {true, true}))
                .isNaN();
    }

    @Test
    void reportMatchesAHandComputedConfusionMatrixAndGoodVersusDefectView() {
        ClassificationReport report = ClassificationReport.of(
                List.of("good", "crack", "hole"),
                new boolean[] {true, false, false},
                new int[] {0, 0, 0, 1, 1, 2},
                new int[] {0, 0, 1, 1, 2, 2},
                new double[] {0.1, 0.2, 0.7, 0.9, 0.6, 0.4},
                0.5);

        assertThat(report.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(report.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(report.precision()).containsExactly(new double[] {1.0, 0.5, 0.5}, within(1e-12));
        assertThat(report.recall()).containsExactly(new double[] {2 / 3.0, 0.5, 1.0}, within(1e-12));
        assertThat(report.f1()).containsExactly(new double[] {0.8, 0.5, 2 / 3.0}, within(1e-12));
        assertThat(report.rocAuc()).isCloseTo(7 / 9.0, within(1e-12));
        assertThat(report.binaryAccuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(report.defectRecall()[1]).isEqualTo(1.0);
        assertThat(report.defectRecall()[2]).isEqualTo(0.0);
        assertThat(report.defectRecall()[0]).isNaN();
        assertThat(report.format())
                .contains("accuracy (3 classes): 0.6667")
                .contains("good vs defect ROC AUC: 0.7778")
                .contains("hole");
    }

    @Test
    void reportWithoutAGoodClassSaysSoInsteadOfAnAuc() {
        ClassificationReport report = ClassificationReport.of(
                List.of("a", "b"),
                new boolean[] {false, false},
                new int[] {0, 1},
                new int[] {0, 1},
                new double[] {Double.NaN, Double.NaN},
                0.5);

        assertThat(report.accuracy()).isEqualTo(1.0);
        assertThat(report.rocAuc()).isNaN();
        assertThat(report.format()).contains("no good class");
    }
}
