package io.linewatch.monitor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScoringUnitTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    private static NabScoring.ScoredFile file(int... detections) {
        LocalDateTime[] t = new LocalDateTime[1000];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0.plusHours(i);
        }
        double[] scores = new double[t.length];
        for (int d : detections) {
            scores[d] = 1.0;
        }
        return new NabScoring.ScoredFile(
                t, scores, List.<LocalDateTime[]>of(new LocalDateTime[] {t[500], t[549]}), NabScoring.probation(1000));
    }

    private static double score(int... detections) {
        return NabScoring.score(List.of(file(detections)), NabScoring.STANDARD).normalizedScore();
    }

    @Test
    void aDetectionAtTheWindowStartIsPerfectAndNoDetectionIsZero() {
        assertThat(score(500)).isCloseTo(100.0, within(1e-9));
        assertThat(score()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void earlierDetectionInsideTheWindowScoresMore() {
        assertThat(score(505)).isGreaterThan(score(540));
        assertThat(score(540)).isGreaterThan(0.0);
    }

    @Test
    void aFalsePositiveBeforeTheFirstWindowCostsTheStandardProfilesWeight() {
        // raw = 1 (TP) - 0.11 (FP) against null -1 and perfect +1
        assertThat(score(300, 500)).isCloseTo(100 * (0.89 + 1) / 2, within(1e-9));
    }

    @Test
    void detectionsInTheProbationPeriodAreIgnoredAndOnlyTheBestDetectionPerWindowCounts() {
        assertThat(NabScoring.probation(1000)).isEqualTo(150);
        assertThat(NabScoring.probation(100_000)).isEqualTo(750);
        assertThat(score(10, 500)).isCloseTo(100.0, within(1e-9));
        assertThat(score(500, 510, 520)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aFalsePositiveJustAfterAWindowCostsLessThanOneFarAway() {
        assertThat(score(500, 552)).isGreaterThan(score(500, 900));
        assertThat(NabScoring.scaledSigmoid(4.0)).isEqualTo(-1.0);
    }
}
