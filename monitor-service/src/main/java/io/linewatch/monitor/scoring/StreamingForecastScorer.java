package io.linewatch.monitor.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drives a streaming LSTM forecaster with {@code rnnTimeStep}: each new sample costs one step, not
 * a whole window. The network's recurrent state is per batch row, so the state of every machine is
 * kept here and the rows of all machines that have a new sample are stacked into one batch: their
 * states are set with {@code rnnSetPreviousState}, the step runs once, and each row's new state is
 * taken back with {@code rnnGetPreviousState}. The score of a sample is the squared error of the
 * prediction made from the samples before it. Not thread-safe; one instance per worker thread,
 * each over its own network clone.
 */
public final class StreamingForecastScorer {

    private final MultiLayerNetwork network;
    private final int recurrentLayers;
    private final Map<String, MachineState> states = new HashMap<>();

    public StreamingForecastScorer(MultiLayerNetwork network) {
        this.network = network;
        this.recurrentLayers = network.getnLayers() - 1;
    }

    /**
     * Feeds one normalised sample per machine (machines distinct) and returns each machine's score;
     * null for a machine's first sample, which has no prediction to compare with.
     */
    public Score[] step(List<String> machines, double[][] samples) {
        int n = machines.size();
        List<MachineState> current = new ArrayList<>(n);
        for (String machine : machines) {
            current.add(states.get(machine));
        }
        network.rnnClearPreviousState();
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> stacked = stack(current, layer, n);
            if (stacked != null) {
                network.rnnSetPreviousState(layer, stacked);
            }
        }
        INDArray prediction = network.rnnTimeStep(Nd4j.create(samples));
        double[][] predicted = prediction.reshape(n, samples[0].length).toDoubleMatrix();
        Score[] scores = new Score[n];
        for (int i = 0; i < n; i++) {
            MachineState before = current.get(i);
            if (before != null) {
                double[] errors = new double[samples[i].length];
                for (int s = 0; s < errors.length; s++) {
                    double d = samples[i][s] - before.prediction()[s];
                    errors[s] = d * d;
                }
                scores[i] = Score.fromSensorErrors(errors);
            }
        }
        for (int i = 0; i < n; i++) {
            List<Map<String, INDArray>> rows = new ArrayList<>(recurrentLayers);
            for (int layer = 0; layer < recurrentLayers; layer++) {
                Map<String, INDArray> row = new HashMap<>();
                for (var entry : network.rnnGetPreviousState(layer).entrySet()) {
                    row.put(entry.getKey(), entry.getValue().getRow(i, true).dup());
                }
                rows.add(row);
            }
            states.put(machines.get(i), new MachineState(rows, predicted[i]));
        }
        network.rnnClearPreviousState();
        return scores;
    }

    /** The next-sample prediction (normalised) for a machine, or null before its first sample. */
    public double[] prediction(String machine) {
        MachineState state = states.get(machine);
        return state == null ? null : state.prediction().clone();
    }

    public void forget(String machine) {
        states.remove(machine);
    }

    public int machines() {
        return states.size();
    }

    private Map<String, INDArray> stack(List<MachineState> current, int layer, int n) {
        Map<String, INDArray> template = null;
        for (MachineState state : current) {
            if (state != null) {
                template = state.layers().get(layer);
                break;
            }
        }
        if (template == null) {
            return null;
        }
        Map<String, INDArray> stacked = new HashMap<>();
        for (var key : template.entrySet()) {
            INDArray batch =
                    Nd4j.zeros(key.getValue().dataType(), n, key.getValue().size(1));
            for (int i = 0; i < n; i++) {
                MachineState state = current.get(i);
                if (state != null) {
                    batch.putRow(i, state.layers().get(layer).get(key.getKey()));
                }
            }
            stacked.put(key.getKey(), batch);
        }
        return stacked;
    }

    private record MachineState(List<Map<String, INDArray>> layers, double[] prediction) {}
}
