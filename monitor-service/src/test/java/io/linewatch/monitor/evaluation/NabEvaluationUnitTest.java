package io.linewatch.monitor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linewatch.monitor.scoring.Score;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NabEvaluationUnitTest {

    private static Score[] errors(long seed, int n) {
        Random random = new Random(seed);
        Score[] out = new Score[n];
        for (int i = 0; i < n; i++) {
            out[i] = i < 5 ? null : Score.fromSensorErrors(new double[] {Math.exp(random.nextGaussian())});
        }
        return out;
    }

    @Test
    void aScoreDependsOnlyOnErrorsUpToItsOwnRow() {
        Score[] errors = errors(1, 400);
        double[] before = NabEvaluation.likelihoods(errors, 50, 100);
        Score[] changedFuture = errors.clone();
        for (int i = 300; i < changedFuture.length; i++) {
            changedFuture[i] = Score.fromSensorErrors(new double[] {1000});
        }

        double[] after = NabEvaluation.likelihoods(changedFuture, 50, 100);

        for (int i = 0; i < 300; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
        assertThat(after[305]).isGreaterThan(0.99);
    }

    @Test
    void scoresLieInZeroToOneAndProbationRowsScoreZero() {
        double[] scores = NabEvaluation.likelihoods(errors(2, 300), 50, 100);

        for (int i = 0; i < 100; i++) {
            assertThat(scores[i]).isZero();
        }
        for (double s : scores) {
            assertThat(s).isBetween(0.0, 1.0);
        }
        assertThat(NabEvaluation.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NabEvaluation.normalCdf(1.96)).isCloseTo(0.975, within(1e-4));
    }

    @Test
    void anEventIsReportedOnceUnlessItGrowsWithinTheRefractoryPeriod() {
        double[] scores = {0.2, 0.9, 0.95, 0.9, 0.5, 0.99, 0.3, 0.3, 0.8};

        double[] reported = NabEvaluation.reportOncePerEvent(scores, 3);

        assertThat(reported).containsExactly(0.2, 0.9, 0.95, 0, 0, 0.99, 0, 0, 0.8);
    }
}
