package io.linewatch.monitor.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
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
    private final DataType dataType;
    private List<String> keys;
    private int[] units;

    public StreamingForecastScorer(MultiLayerNetwork network) {
        this.network = network;
        this.recurrentLayers = network.getnLayers() - 1;
        this.dataType = network.params().dataType();
    }

    /**
     * Feeds one normalised sample per machine (machines distinct) and returns each machine's score;
     * null for a machine's first sample, which has no prediction to compare with.
     */
    public Score[] step(List<String> machines, double[][] samples) {
        int n = machines.size();
        List<MachineState> current = new ArrayList<>(n);
        boolean anyState = false;
        for (String machine : machines) {
            MachineState state = states.get(machine);
            current.add(state);
            anyState |= state != null;
        }
        network.rnnClearPreviousState();
        if (anyState) {
            restore(current, n);
        }
        INDArray prediction = network.rnnTimeStep(Nd4j.create(samples));
        double[][] predicted = Windows.rows(prediction.reshape(n, samples[0].length));
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
        float[][][] slots = capture(n);
        for (int i = 0; i < n; i++) {
            float[][] rows = new float[slots.length][];
            for (int k = 0; k < slots.length; k++) {
                rows[k] = slots[k][i];
            }
            states.put(machines.get(i), new MachineState(rows, predicted[i]));
        }
        network.rnnClearPreviousState();
        return scores;
    }

    /**
     * Moves the whole batch's state in one array per layer and state kind (not one small array per
     * machine, which made state handling 100 times slower than the step itself).
     */
    private void restore(List<MachineState> current, int n) {
        int slot = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> stacked = new HashMap<>();
            for (String key : keys) {
                float[][] batch = new float[n][];
                for (int i = 0; i < n; i++) {
                    MachineState state = current.get(i);
                    batch[i] = state != null ? state.slots()[slot] : new float[units[slot]];
                }
                stacked.put(key, Nd4j.create(batch).castTo(dataType));
                slot++;
            }
            network.rnnSetPreviousState(layer, stacked);
        }
    }

    private float[][][] capture(int n) {
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(network.rnnGetPreviousState(0).keySet()));
            units = new int[recurrentLayers * keys.size()];
        }
        float[][][] slots = new float[recurrentLayers * keys.size()][][];
        int slot = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> state = network.rnnGetPreviousState(layer);
            for (String key : keys) {
                INDArray rows = state.get(key).reshape(n, state.get(key).size(1));
                slots[slot] = Windows.floatRows(rows);
                units[slot] = (int) rows.size(1);
                slot++;
            }
        }
        return slots;
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

    private record MachineState(float[][] slots, double[] prediction) {}
}
