package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MachineStateUnitTest {

    static final long GAP = 5_000L;
    static ModelBundle ab;
    static ModelBundle abAgain;
    static ModelBundle ac;

    @BeforeAll
    static void models() {
        ab = train(List.of("a", "b"), 1L);
        abAgain = train(List.of("a", "b"), 2L);
        ac = train(List.of("a", "c"), 3L);
    }

    static ModelBundle train(List<String> sensors, long seed) {
        DetectorSettings settings =
                new DetectorSettings(4, 4, 0.01, 1, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), seed);
        return new DetectorTrainer(settings)
                .train(SyntheticMachine.normal(80, sensors.size(), seed), sensors)
                .bundle();
    }

    static double[][] feed(MachineState machine, ModelBundle bundle, long fromSecond, int samples) {
        double[][] last = null;
        for (int i = 0; i < samples; i++) {
            last = machine.add((fromSecond + i) * 1000L, new double[] {i, -i}, bundle, GAP);
        }
        return last;
    }

    @Test
    void aWindowIsReadyAfterWSamplesAndLateDuplicateOrOutOfOrderSamplesAreDropped() {
        MachineState machine = new MachineState("m");
        assertThat(feed(machine, ab, 0, 3)).isNull();
        assertThat(feed(machine, ab, 3, 1)).hasDimensions(4, 2);
        assertThat(machine.add(3_000L, new double[] {9, 9}, ab, GAP))
                .as("duplicate")
                .isNull();
        assertThat(machine.add(1_000L, new double[] {9, 9}, ab, GAP)).as("late").isNull();
        assertThat(machine.add(4_000L, new double[] {9, 9}, ab, GAP))
                .as("next in order")
                .isNotNull();
    }

    @Test
    void aGapLongerThanMaxGapStartsANewWindow() {
        MachineState machine = new MachineState("m");
        assertThat(feed(machine, ab, 0, 4)).isNotNull();
        assertThat(feed(machine, ab, 4 + 10, 3))
                .as("three samples after a 10 s gap")
                .isNull();
        assertThat(feed(machine, ab, 17, 1)).as("the fourth after the gap").isNotNull();
        assertThat(machine.add(23_000L, new double[] {1, 1}, ab, GAP))
                .as("6 s after the previous sample, more than the 5 s max gap")
                .isNull();
    }

    @Test
    void aSwapToAVersionWithTheSameSensorsKeepsTheWindowAndAnotherSensorListRestartsIt() {
        MachineState machine = new MachineState("m");
        feed(machine, ab, 0, 4);
        double[][] byNewVersion = machine.add(4_000L, new double[] {4, -4}, abAgain, GAP);
        assertThat(byNewVersion).as("scored at once by the new version").isNotNull();
        // the kept raw samples go through the new version's own normalizer
        assertThat(byNewVersion[3]).isEqualTo(abAgain.normalizer().apply(new double[] {4, -4}, new double[] {3, -3}));
        assertThat(machine.add(5_000L, new double[] {5, 5}, ac, GAP))
                .as("other sensors")
                .isNull();
        assertThat(feed(machine, ac, 6, 3)).isNotNull();
    }

    @Test
    void recentSamplesForForecastsAreTheWindowsRawValuesOldestFirstWithTheirTimestamps() {
        MachineState machine = new MachineState("m");
        assertThat(machine.recent(10)).isEmpty();
        feed(machine, ab, 0, 7);

        var recent = machine.recent(3);

        assertThat(recent).hasSize(3);
        assertThat(recent.get(0).timestamp()).isEqualTo(java.time.Instant.ofEpochSecond(4));
        assertThat(recent.get(2).timestamp()).isEqualTo(java.time.Instant.ofEpochSecond(6));
        assertThat(recent.get(2).values()).containsEntry("a", 6.0).containsEntry("b", -6.0);
        assertThat(machine.recent(100)).as("never more than the ring holds").hasSize(5);
    }

    @Test
    void aStreamingStepReturnsTheNewSampleNormalisedAndCountsItsRunUntilAGap() {
        MachineState machine = new MachineState("m");
        double[] first = machine.step(0L, new double[] {1, 2}, ab, GAP);
        assertThat(first).hasSize(2);
        assertThat(machine.run()).isEqualTo(1);
        assertThat(machine.step(1_000L, new double[] {2, 3}, ab, GAP)).hasSize(2);
        assertThat(machine.run()).isEqualTo(2);
        assertThat(machine.step(1_000L, new double[] {9, 9}, ab, GAP))
                .as("duplicate")
                .isNull();
        assertThat(machine.run()).isEqualTo(2);
        assertThat(machine.step(1_000L + GAP + 1, new double[] {2, 3}, ab, GAP)).isNotNull();
        assertThat(machine.run()).as("a gap restarts the run").isEqualTo(1);
        // the same sample as the newest row of the window add() returns
        MachineState windowed = new MachineState("w");
        double[][] window = feed(windowed, ab, 0, 4);
        MachineState streamed = new MachineState("s");
        double[] last = null;
        for (int i = 0; i < 4; i++) {
            last = streamed.step(i * 1000L, new double[] {i, -i}, ab, GAP);
        }
        assertThat(last).containsExactly(window[3]);
    }

    @Test
    void theWindowCopiedIntoABatchIsAddsWindowInSensorTimeOrderAcrossASwap() {
        MachineState machine = new MachineState("m");
        double[][] window = feed(machine, ab, 0, 9);
        float[] batch = new float[3 + 2 * 4];
        machine.copyWindow(batch, 3, 4);
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 4; t++) {
                assertThat(batch[3 + s * 4 + t]).isEqualTo((float) window[t][s]);
            }
        }
        // a version with the same sensors renormalises the kept raw rows with its own normalizer
        double[][] swapped = machine.add(9_000L, new double[] {9, -9}, abAgain, GAP);
        machine.copyWindow(batch, 3, 4);
        assertThat(swapped[0]).isEqualTo(abAgain.normalizer().apply(new double[] {6, -6}, new double[] {5, -5}));
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 4; t++) {
                assertThat(batch[3 + s * 4 + t]).isEqualTo((float) swapped[t][s]);
            }
        }
        assertThat(machine.windowReady(abAgain)).isTrue();
        assertThat(machine.append(9_000L, new double[] {1, 1}, abAgain, GAP))
                .as("duplicate")
                .isFalse();
    }
}
