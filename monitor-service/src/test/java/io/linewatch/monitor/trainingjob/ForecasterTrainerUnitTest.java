package io.linewatch.monitor.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.StreamingForecastScorer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The streaming forecaster is trained and calibrated the way it is served: one machine's state
 * carried for thousands of samples, far longer than any training sequence or the held-back series.
 */
class ForecasterTrainerUnitTest {

    static final List<String> SENSORS = List.of("temperature", "pressure", "flow");
    static final int WINDOW = 10;
    static final AlarmPolicy POLICY = new AlarmPolicy(3, 0.8, 5, 0.5);

    static ModelBundle bundle;

    @BeforeAll
    static void train() {
        bundle = TinyForecaster.train(SyntheticMachine.normal(1200, 3, 1), SENSORS, WINDOW, POLICY);
    }

    @Test
    void trainsOnContiguousPiecesAndHoldsBackOneSeriesWithItsWarmUpMasked() {
        assertThat(bundle.kind()).isEqualTo(ModelKind.LSTM_STREAMING_FORECASTER);
        // 900 training rows, W 10: 899 / 80 = 11 pieces of at least 8 windows (batch size 16)
        assertThat(ForecasterTrainer.chunks(900, WINDOW, 16)).isEqualTo(11);
        assertThat(ForecasterTrainer.chunks(900, WINDOW, 4)).isEqualTo(4);
        assertThat(ForecasterTrainer.chunks(50, WINDOW, 16)).isEqualTo(1);
        double[][] rows = SyntheticMachine.normal(40, 3, 2);
        DataSet pieces = ForecasterTrainer.chunked(rows, 31, 3);
        assertThat(pieces.getFeatures().shape()).containsExactly(3, 3, 10);
        // piece 1 starts at row 10; its labels are the features one row on
        assertThat(pieces.getFeatures().getDouble(1, 2, 0)).isEqualTo((float) rows[10][2]);
        assertThat(pieces.getLabels().getDouble(1, 2, 0)).isEqualTo((float) rows[11][2]);
        DataSet series = ForecasterTrainer.series(rows, 20, 40, 5);
        assertThat(series.getFeatures().shape()).containsExactly(1, 3, 19);
        assertThat(series.getLabelsMaskArray().getDouble(0, 3)).isZero();
        assertThat(series.getLabelsMaskArray().getDouble(0, 4)).isEqualTo(1.0);
    }

    @Test
    void theWarmUpEndsWhereAFreshStateForecastsAsWellAsASettledOne() {
        // 8 runs of 100 steps: error 10 for the first 25 predictions, then 1
        List<double[][]> runs = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double[][] run = new double[100][2];
            for (int t = 0; t < run.length; t++) {
                run[t][0] = t < 25 ? 10 : 1;
            }
            runs.add(run);
        }
        // blocks of 10: [0, 20) mean 10, [20, 30) 5.5, later 1: scores count from the prediction
        // made after 31 samples
        assertThat(ForecasterTrainer.warmUp(runs, 10)).isEqualTo(31);
        // a spike in the last block (a noisy held-back row) does not push the warm-up past the
        // settled half: 10 blocks, at most the start of block 5
        List<double[][]> spiky = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double[][] run = new double[100][2];
            for (int t = 0; t < run.length; t++) {
                run[t][0] = t >= 95 ? 50 : 1;
            }
            spiky.add(run);
        }
        assertThat(ForecasterTrainer.warmUp(spiky, 10)).isEqualTo(51);
        // settled from the start: the window
        runs.forEach(run -> java.util.Arrays.stream(run).forEach(step -> step[0] = 1));
        assertThat(ForecasterTrainer.warmUp(runs, 10)).isEqualTo(10);
        // too short to tell: the window
        assertThat(ForecasterTrainer.warmUp(List.<double[][]>of(new double[30][2]), 10))
                .isEqualTo(10);
        assertThat(bundle.warmUp()).isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    void servedStatefullyForThousandsOfSamplesNormalDataRaisesNothing() {
        List<Integer> raised = serve(SyntheticMachine.normal(4000, 3, 7));
        assertThat(raised).as("samples at which a normal machine raised").isEmpty();
    }

    @Test
    void machinesRestartedOftenRaiseNothingOnNormalData() {
        // 200 machines that each send 3 x the warm-up: young states only, as after a deployment
        double[][] rows = SyntheticMachine.normal(200 * 3 * bundle.warmUp(), 3, 9);
        List<Integer> raised = new ArrayList<>();
        int length = 3 * bundle.warmUp();
        for (int m = 0; m < 200; m++) {
            raised.addAll(serve(java.util.Arrays.copyOfRange(rows, m * length, (m + 1) * length)));
        }
        assertThat(raised).as("samples at which a young machine raised").isEmpty();
    }

    @Test
    void aStepFaultLongAfterTheStartIsRaisedNamingItsSensor() {
        double[][] rows = SyntheticMachine.withFault(SyntheticMachine.normal(4000, 3, 8), 2, 3000, 3060, 3.0);
        HealthStateMachine health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
        StreamingForecastScorer scorer =
                new StreamingForecastScorer(bundle.network().clone(), bundle.errorScales());
        double[][] normalized = bundle.normalizer().apply(rows);
        Integer raisedAt = null;
        double[] sharesAtRaise = null;
        for (int t = 0; t < rows.length && raisedAt == null; t++) {
            Score score = scorer.step(List.of("m"), new double[][] {normalized[t]})[0];
            if (t < bundle.warmUp()) {
                continue;
            }
            if (health.update(score.value(), score.contributions()).alarmRaised()) {
                raisedAt = t;
                sharesAtRaise = health.smoothedShares();
            }
        }
        assertThat(raisedAt).isNotNull().isBetween(3000, 3010);
        assertThat(sharesAtRaise[2]).isGreaterThan(Math.max(sharesAtRaise[0], sharesAtRaise[1]));
    }

    /** The samples (index) at which one machine stepped through the whole series raised an alarm. */
    private static List<Integer> serve(double[][] rows) {
        HealthStateMachine health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
        StreamingForecastScorer scorer =
                new StreamingForecastScorer(bundle.network().clone(), bundle.errorScales());
        double[][] normalized = bundle.normalizer().apply(rows);
        List<Integer> raised = new ArrayList<>();
        for (int t = 0; t < rows.length; t++) {
            Score score = scorer.step(List.of("m"), new double[][] {normalized[t]})[0];
            if (t >= bundle.warmUp()
                    && health.update(score.value(), score.contributions()).alarmRaised()) {
                raised.add(t);
            }
        }
        assertThat(health.state()).isNotEqualTo(HealthState.ALARM);
        return raised;
    }
}
