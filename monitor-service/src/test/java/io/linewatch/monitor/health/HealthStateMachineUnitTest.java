package io.linewatch.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.model.AlarmPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStateMachineUnitTest {

    private static List<HealthState> feed(HealthStateMachine machine, double... scores) {
        List<HealthState> states = new ArrayList<>();
        for (double s : scores) {
            states.add(machine.update(s).to());
        }
        return states;
    }

    @Test
    void anAlarmNeedsDebounceConsecutiveWindowsAboveTheThreshold() {
        var machine = new HealthStateMachine(1.0, new AlarmPolicy(3, 0.5, 2, 0.0));

        assertThat(feed(machine, 0.5, 2, 2, 0.9, 2, 2, 2))
                .containsExactly(
                        HealthState.OK,
                        HealthState.WARNING,
                        HealthState.WARNING,
                        HealthState.OK,
                        HealthState.WARNING,
                        HealthState.WARNING,
                        HealthState.ALARM);
    }

    @Test
    void anAlarmClearsOnlyAfterClearAfterWindowsBelowTheHysteresisLevel() {
        var machine = new HealthStateMachine(1.0, new AlarmPolicy(1, 0.5, 2, 0.0));

        var transitions = new ArrayList<HealthStateMachine.Transition>();
        for (double s : new double[] {2, 0.8, 0.4, 0.7, 0.4, 0.3, 0.2}) {
            transitions.add(machine.update(s));
        }

        assertThat(transitions.stream().map(HealthStateMachine.Transition::to))
                .containsExactly(
                        HealthState.ALARM, // debounce 1: straight to alarm
                        HealthState.ALARM, // below threshold but above 0.5: hysteresis holds it
                        HealthState.ALARM, // 1 of 2 below the clear level
                        HealthState.ALARM, // back above: count restarts
                        HealthState.ALARM,
                        HealthState.OK,
                        HealthState.OK);
        assertThat(transitions.get(0).alarmRaised()).isTrue();
        assertThat(transitions.get(5).alarmCleared()).isTrue();
        assertThat(transitions.stream().filter(HealthStateMachine.Transition::alarmRaised))
                .hasSize(1);
    }

    @Test
    void smoothingDampsASingleSpike() {
        var machine = new HealthStateMachine(1.0, new AlarmPolicy(1, 0.8, 1, 0.9));

        assertThat(feed(machine, 0.1, 5, 0.1, 0.1)).containsOnly(HealthState.OK);
    }

    @Test
    void theSharesOfTheSmoothedScoreExplainWhatRaisedTheAlarmNotOnlyTheLastWindow() {
        HealthStateMachine machine = new HealthStateMachine(1.0, new AlarmPolicy(2, 0.8, 1, 0.5));
        assertThat(machine.smoothedShares()).isNull();
        machine.update(0.2, new double[] {0.5, 0.5});
        // a large error on sensor 0, then a smaller one on sensor 1
        machine.update(4.0, new double[] {1.0, 0.0});
        var raised = machine.update(1.0, new double[] {0.0, 1.0});
        assertThat(raised.alarmRaised()).isTrue();
        // smoothed score 0.5 * (0.5 * 0.2 + 0.5 * 4.0) + 0.5 * 1.0 = 1.55; sensor 0's part 1.025
        assertThat(raised.smoothedScore()).isCloseTo(1.55, org.assertj.core.api.Assertions.within(1e-12));
        double[] shares = machine.smoothedShares();
        assertThat(shares[0]).isCloseTo(1.025 / 1.55, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(shares[0] + shares[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }
}
