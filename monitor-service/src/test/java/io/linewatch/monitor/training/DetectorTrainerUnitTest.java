package io.linewatch.monitor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.scoring.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DetectorTrainerUnitTest {

    static final List<String> SENSORS = List.of("pressure", "current", "flow");
    static ModelBundle bundle;
    static TrainingReport report;

    @BeforeAll
    static void train() {
        DetectorSettings settings =
                new DetectorSettings(10, 16, 0.01, 15, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), 42L);
        var trained = new DetectorTrainer(settings).train(SyntheticMachine.normal(400, 3, 1), SENSORS);
        bundle = trained.bundle();
        report = trained.report();
    }

    private static List<HealthState> states(double[][] raw, int from) {
        Score[] scores = bundle.scorer(64).scoreRows(bundle.normalizer().apply(raw), 0, raw.length);
        var health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
        List<HealthState> out = new ArrayList<>();
        for (int r = from; r < raw.length; r++) {
            out.add(health.update(scores[r].value()).to());
        }
        return out;
    }

    @Test
    void recordsHowTheThresholdWasCalibratedAndHowTrainingWent() {
        assertThat(bundle.threshold().percentile()).isEqualTo(99);
        assertThat(bundle.threshold().factor()).isEqualTo(1.5);
        assertThat(bundle.threshold().calibrationWindows()).isEqualTo(100);
        assertThat(bundle.threshold().value()).isPositive();
        assertThat(report.epochs()).isEqualTo(15);
        assertThat(report.trainLoss().get(report.epochs() - 1))
                .isLessThan(report.trainLoss().get(0));
        assertThat(report.millisPerEpoch()).isPositive();
    }

    @Test
    void unseenNormalOperationRaisesNoAlarm() {
        assertThat(states(SyntheticMachine.normal(300, 3, 2), 10)).doesNotContain(HealthState.ALARM);
    }

    @Test
    void anInjectedFaultRaisesAnAlarmBlamingTheFaultySensorAndItClearsAfterwards() {
        double[][] raw = SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 3), 2, 100, 160, 3.0);

        List<HealthState> states = states(raw, 10);

        assertThat(states.subList(0, 85)).doesNotContain(HealthState.ALARM);
        assertThat(states.subList(95, 150)).contains(HealthState.ALARM);
        assertThat(states.get(states.size() - 1)).isEqualTo(HealthState.OK);
        Score during = bundle.scorer(64).scoreRows(bundle.normalizer().apply(raw), 130, 131)[0];
        assertThat(during.top(SENSORS, 1).get(0).sensor()).isEqualTo("flow");
        assertThat(Arrays.stream(during.contributions()).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
