package io.linewatch.monitor.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.LstmForecasterFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class StreamingForecastScorerUnitTest {

    private static final int SENSORS = 3;
    private static final int STEPS = 12;

    @Test
    void batchedStepsWithPerMachineStateMatchAFullPassOverEachMachinesOwnSeries() {
        var network = LstmForecasterFactory.streaming(new ForecasterSpec("t", SENSORS, STEPS, 2, 8, 0.01, 8, 11L));
        double[][][] series = new double[3][STEPS][SENSORS];
        Random random = new Random(5);
        for (double[][] machine : series) {
            for (double[] row : machine) {
                for (int s = 0; s < SENSORS; s++) {
                    row[s] = random.nextGaussian();
                }
            }
        }
        StreamingForecastScorer scorer = new StreamingForecastScorer(network.clone());

        // machines arrive in changing groups and orders, as a Kafka batch would deliver them
        int[] next = new int[3];
        double[][][] predictions = new double[3][STEPS][];
        for (int round = 0; round < STEPS * 3; round++) {
            List<Integer> due = switch (round % 3) {
                case 0 -> List.of(0, 1, 2);
                case 1 -> List.of(2, 0);
                default -> List.of(1);
            };
            List<Integer> ready = due.stream().filter(m -> next[m] < STEPS).toList();
            if (ready.isEmpty()) {
                continue;
            }
            double[][] samples = new double[ready.size()][];
            for (int i = 0; i < ready.size(); i++) {
                samples[i] = series[ready.get(i)][next[ready.get(i)]];
            }
            Score[] scores = scorer.step(ready.stream().map(m -> "m" + m).toList(), samples);
            for (int i = 0; i < ready.size(); i++) {
                int m = ready.get(i);
                assertThat(scores[i] == null).isEqualTo(next[m] == 0);
                predictions[m][next[m]] = scorer.prediction("m" + m);
                next[m]++;
            }
        }

        for (int m = 0; m < 3; m++) {
            double[] flat = new double[SENSORS * STEPS];
            for (int s = 0; s < SENSORS; s++) {
                for (int t = 0; t < STEPS; t++) {
                    flat[s * STEPS + t] = series[m][t][s];
                }
            }
            var full = network.output(Nd4j.create(flat, new long[] {1, SENSORS, STEPS}, 'c'));
            for (int t = 0; t < STEPS; t++) {
                for (int s = 0; s < SENSORS; s++) {
                    assertThat(predictions[m][t][s]).isCloseTo(full.getDouble(0, s, t), within(1e-5));
                }
            }
        }
        assertThat(scorer.machines()).isEqualTo(3);
    }

    @Test
    void slotsGiveTheSamePredictionsAsSteppingEachMachineAloneWhileMachinesJoinLeaveAndArriveOutOfOrder() {
        var network = LstmForecasterFactory.streaming(new ForecasterSpec("t", SENSORS, STEPS, 3, 6, 0.01, 8, 13L));
        StreamingForecastScorer scorer = new StreamingForecastScorer(network.clone());
        Map<String, org.deeplearning4j.nn.multilayer.MultiLayerNetwork> alone = new HashMap<>();
        Random random = new Random(7);
        List<String> pool = List.of("a", "b", "c", "d", "e", "f");
        List<String> present = new ArrayList<>();
        int compared = 0;
        int everySlotRounds = 0;
        for (int round = 0; round < 60; round++) {
            if (round % 7 == 3 && !present.isEmpty()) {
                String leaving = present.remove(random.nextInt(present.size()));
                scorer.forget(leaving);
                alone.remove(leaving);
            }
            for (String machine : pool) {
                if (!present.contains(machine) && random.nextInt(4) == 0) {
                    present.add(machine);
                }
            }
            List<String> due = new ArrayList<>(present);
            if (round % 5 == 0) {
                everySlotRounds++; // every machine, the order they joined in
            } else {
                Collections.shuffle(due, random);
                due = due.subList(0, due.isEmpty() ? 0 : 1 + random.nextInt(due.size()));
            }
            if (due.isEmpty()) {
                continue;
            }
            double[][] samples = new double[due.size()][SENSORS];
            for (double[] row : samples) {
                for (int s = 0; s < SENSORS; s++) {
                    row[s] = random.nextGaussian();
                }
            }
            Map<String, double[]> before = new HashMap<>();
            for (String machine : due) {
                before.put(machine, scorer.prediction(machine));
            }
            Score[] scores = scorer.step(due, samples);
            for (int i = 0; i < due.size(); i++) {
                String machine = due.get(i);
                var own = alone.computeIfAbsent(machine, m -> {
                    var copy = network.clone();
                    copy.rnnClearPreviousState();
                    return copy;
                });
                double[] expected = own.rnnTimeStep(Nd4j.create(new double[][] {samples[i]})
                                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))
                        .reshape(1, SENSORS)
                        .toDoubleVector();
                double[] actual = scorer.prediction(machine);
                for (int s = 0; s < SENSORS; s++) {
                    assertThat(actual[s])
                            .as("machine %s round %d", machine, round)
                            .isCloseTo(expected[s], within(1e-5));
                }
                assertThat(scores[i] == null).isEqualTo(before.get(machine) == null);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(everySlotRounds).isGreaterThan(5);
        assertThat(scorer.machines()).isEqualTo(alone.size());
    }

    @Test
    void theScoreOfASampleIsTheErrorOfThePredictionMadeBeforeIt() {
        var network = LstmForecasterFactory.streaming(new ForecasterSpec("t", 2, 4, 1, 4, 0.01, 8, 2L));
        StreamingForecastScorer scorer = new StreamingForecastScorer(network);
        scorer.step(List.of("a"), new double[][] {{0.1, 0.2}});
        double[] predicted = scorer.prediction("a");

        Score score = scorer.step(List.of("a"), new double[][] {{predicted[0] + 2, predicted[1]}})[0];

        assertThat(score.value()).isCloseTo(2.0, within(1e-5));
        assertThat(score.contributions()[0]).isCloseTo(1.0, within(1e-6));
    }
}
