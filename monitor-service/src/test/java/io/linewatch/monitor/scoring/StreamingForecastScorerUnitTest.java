package io.linewatch.monitor.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.LstmForecasterFactory;
import java.util.List;
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
