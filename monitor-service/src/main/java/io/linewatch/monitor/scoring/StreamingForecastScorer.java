package io.linewatch.monitor.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drives a streaming LSTM forecaster with {@code rnnTimeStep}: each new sample costs one step, not
 * a whole window. The score of a sample is the squared error of the prediction made from the
 * samples before it. Not thread-safe; one instance per worker thread, each over its own network
 * clone.
 *
 * <p>DL4J keeps an LSTM layer's step state in the layer's state map, one row per batch row
 * ({@code rnnGetPreviousState} / {@code rnnSetPreviousState} hand out and take those arrays by
 * reference, and a step replaces them with new ones). This scorer keeps the state of all its
 * machines in one heap matrix per layer and state kind, one row ("slot") per machine, slots stable
 * for the life of the machine. A step gathers the due machines' rows into native arrays it reuses
 * (column-major, the layout the network's own step leaves most of its state in; with row-major
 * state JFR showed the LSTM copying it each step) and writes the new state back into the slots
 * from the network's arrays as they come (no copy to row-major first). Allocating the state arrays
 * anew each step, and copying the network's state to row-major before scattering it, cost a fifth
 * of the scoring calls' time (JFR, 10,000 machines); keeping each machine's own small arrays,
 * earlier, about as much as the step itself. A machine that leaves frees its slot (zeroed) for the
 * next one.
 */
public final class StreamingForecastScorer {

    /** Rows moved together between slot-major and column-major layouts (16 floats: one cache line). */
    private static final int BLOCK = 16;

    private final MultiLayerNetwork network;
    private final int recurrentLayers;
    private final DataType dataType;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final List<String> machineAt = new ArrayList<>();
    private final TreeSet<Integer> free = new TreeSet<>();
    private List<String> keys;
    /** [layer * keys + key]: units per row of that state. */
    private int[] units;
    /** [layer * keys + key] -> slot-major rows of {@code units} floats; null before the first step. */
    private float[][] state;
    /** [layer * keys + key] -> reused native buffer the due rows are gathered into (column-major). */
    private DataBuffer[] staged;
    /** Reused heap copy of one state matrix, column-major, [rows * units]. */
    private float[] transposed = new float[0];

    private float[] inputRows = new float[0];
    private float[] outputRows = new float[0];
    private DataBuffer inputBuffer;
    /** Per slot: the prediction of the slot's next sample (normalised); null before its first. */
    private double[][] predictions = new double[0][];
    /** Per slot: samples stepped since the slot was taken. */
    private int[] stepped = new int[0];

    private final double[] errorScales;

    public StreamingForecastScorer(MultiLayerNetwork network) {
        this(network, null);
    }

    /**
     * A scorer whose sensor errors are divided by {@code errorScales} (the bundle's per-sensor mean
     * validation errors) before they are averaged, as {@link AutoencoderScorer} does; null = 1.
     */
    public StreamingForecastScorer(MultiLayerNetwork network, double[] errorScales) {
        this.errorScales = errorScales == null ? null : errorScales.clone();
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
        int sensors = samples[0].length;
        double[] values = new double[n];
        double[] shares = new double[n * sensors];
        step(machines, samples, values, shares, null);
        Score[] scores = new Score[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                scores[i] = new Score(values[i], Arrays.copyOfRange(shares, i * sensors, (i + 1) * sensors));
            }
        }
        return scores;
    }

    /**
     * {@link #step(List, double[][])} without a {@link Score} per machine: machine i's score goes to
     * {@code values[i]} (NaN for its first sample) and its sensors' shares (as {@link
     * Score#fromSensorErrors}) to {@code shares[i * sensors, (i + 1) * sensors)}; {@code runs[i]}
     * (when not null) becomes the number of samples machine i has been stepped with since it joined
     * or was last forgotten, this one included.
     */
    public void step(List<String> machines, double[][] samples, double[] values, double[] shares, int[] runs) {
        int n = machines.size();
        int sensors = samples[0].length;
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = slotFor(machines.get(i));
        }
        grow();

        network.rnnClearPreviousState();
        if (state != null) {
            setState(slots);
        }
        INDArray prediction = network.rnnTimeStep(input(samples, sensors));
        takeState(slots);
        network.rnnClearPreviousState();

        float[] predicted = read(prediction, n, sensors);
        for (int i = 0; i < n; i++) {
            int slot = slots[i];
            double[] before = predictions[slot];
            double[] next = before != null ? before : new double[sensors];
            if (before != null) {
                double sum = 0;
                int base = i * sensors;
                for (int s = 0; s < sensors; s++) {
                    double d = samples[i][s] - before[s];
                    double e = errorScales == null ? d * d : d * d / errorScales[s];
                    shares[base + s] = e;
                    sum += e;
                }
                for (int s = 0; s < sensors; s++) {
                    shares[base + s] = sum > 0 ? shares[base + s] / sum : 1.0 / sensors;
                }
                values[i] = sum / sensors;
            } else {
                values[i] = Double.NaN;
            }
            // row i of the network's output, read as [sensor][row]
            for (int s = 0; s < sensors; s++) {
                next[s] = predicted[s * n + i];
            }
            predictions[slot] = next;
            stepped[slot]++;
            if (runs != null) {
                runs[i] = stepped[slot];
            }
        }
    }

    private int slotFor(String machine) {
        Integer slot = slotOf.get(machine);
        if (slot != null) {
            return slot;
        }
        Integer reused = free.pollFirst();
        int s;
        if (reused != null) {
            s = reused;
            machineAt.set(s, machine);
        } else {
            s = machineAt.size();
            machineAt.add(machine);
        }
        slotOf.put(machine, s);
        return s;
    }

    /** Adds zero rows to the state matrices for slots created since the last step. */
    private void grow() {
        int slots = machineAt.size();
        if (predictions.length < slots) {
            int capacity = Math.max(slots, predictions.length * 2);
            predictions = Arrays.copyOf(predictions, capacity);
            stepped = Arrays.copyOf(stepped, capacity);
        }
        if (state == null) {
            return;
        }
        for (int k = 0; k < state.length; k++) {
            if (state[k].length < slots * units[k]) {
                state[k] = Arrays.copyOf(state[k], predictions.length * units[k]);
            }
        }
    }

    /** The step's samples as the [n, sensors] input, in a native buffer reused while it is big enough. */
    private INDArray input(double[][] samples, int sensors) {
        int n = samples.length;
        int length = n * sensors;
        if (inputRows.length < length) {
            inputRows = new float[length];
        }
        for (int r = 0; r < n; r++) {
            double[] row = samples[r];
            for (int s = 0; s < sensors; s++) {
                inputRows[r * sensors + s] = (float) row[s];
            }
        }
        if (inputBuffer == null || inputBuffer.length() < length) {
            inputBuffer = Nd4j.createBuffer(DataType.FLOAT, Math.max(length, 2L * length), false);
        }
        INDArray input = exact(inputBuffer, length, new long[] {n, sensors}, 'c');
        input.data().asNioFloat().put(0, inputRows, 0, length);
        return dataType == DataType.FLOAT ? input : input.castTo(dataType);
    }

    /** Hands the network the due rows, gathered column-major into this step's part of the staged buffers. */
    private void setState(int[] slots) {
        int n = slots.length;
        int k = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> layerState = new HashMap<>();
            for (String key : keys) {
                int u = units[k];
                int length = n * u;
                if (transposed.length < length) {
                    transposed = new float[length];
                }
                float[] rows = state[k];
                // in blocks of rows, so both sides are read and written a cache line at a time
                for (int r0 = 0; r0 < n; r0 += BLOCK) {
                    int r1 = Math.min(n, r0 + BLOCK);
                    for (int j = 0; j < u; j++) {
                        int to = j * n;
                        for (int r = r0; r < r1; r++) {
                            transposed[to + r] = rows[slots[r] * u + j];
                        }
                    }
                }
                if (staged[k] == null || staged[k].length() < length) {
                    staged[k] = Nd4j.createBuffer(DataType.FLOAT, Math.max(length, 2L * length), false);
                }
                INDArray due = exact(staged[k], length, new long[] {n, u}, 'f');
                due.data().asNioFloat().put(0, transposed, 0, length);
                layerState.put(key, dataType == DataType.FLOAT ? due : due.castTo(dataType));
                k++;
            }
            network.rnnSetPreviousState(layer, layerState);
        }
    }

    /** Writes the network's new state of the due rows into their slots. */
    private void takeState(int[] slots) {
        int n = slots.length;
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(network.rnnGetPreviousState(0).keySet()));
            int kinds = recurrentLayers * keys.size();
            units = new int[kinds];
            state = new float[kinds][];
            staged = new DataBuffer[kinds];
            int k = 0;
            for (int layer = 0; layer < recurrentLayers; layer++) {
                Map<String, INDArray> layerState = network.rnnGetPreviousState(layer);
                for (String key : keys) {
                    units[k] = (int) layerState.get(key).size(1);
                    state[k] = new float[predictions.length * units[k]];
                    k++;
                }
            }
        }
        int k = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> layerState = network.rnnGetPreviousState(layer);
            for (String key : keys) {
                int u = units[k];
                INDArray stepped = layerState.get(key);
                float[] rows = state[k];
                if (rowMajor(stepped, n * u)) {
                    stepped.data().asNioFloat().get(0, outputRows(n * u), 0, n * u);
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(outputRows, r * u, rows, slots[r] * u, u);
                    }
                } else {
                    float[] next = read(stepped, n, u);
                    for (int r0 = 0; r0 < n; r0 += BLOCK) {
                        int r1 = Math.min(n, r0 + BLOCK);
                        for (int j = 0; j < u; j++) {
                            int from = j * n;
                            for (int r = r0; r < r1; r++) {
                                rows[slots[r] * u + j] = next[from + r];
                            }
                        }
                    }
                }
                k++;
            }
        }
    }

    /**
     * A [rows, cols] array's values column-major ({@code [c * rows + r]}) in a reused heap array:
     * one bulk copy when it is column-major already, as the network's step leaves its arrays.
     */
    private float[] read(INDArray array, int rows, int cols) {
        if (array.rank() != 2) {
            array = array.reshape(rows, cols);
        }
        int length = rows * cols;
        outputRows(length);
        boolean whole = !array.isView()
                && array.offset() == 0
                && array.dataType() == DataType.FLOAT
                && array.data().length() == length;
        if (whole && array.ordering() == 'f') {
            array.data().asNioFloat().get(0, outputRows, 0, length);
            return outputRows;
        }
        INDArray f = array.dup('f').castTo(DataType.FLOAT);
        f.data().asNioFloat().get(0, outputRows, 0, length);
        return outputRows;
    }

    /** The reused heap array for a network array's values, at least {@code length} long. */
    private float[] outputRows(int length) {
        if (outputRows.length < length) {
            outputRows = new float[length];
        }
        return outputRows;
    }

    /** True when {@code array} is a whole, row-major [rows, cols] float array (the first layer's memory cell state is). */
    private static boolean rowMajor(INDArray array, int length) {
        return array.rank() == 2
                && array.ordering() == 'c'
                && !array.isView()
                && array.offset() == 0
                && array.dataType() == DataType.FLOAT
                && array.data().length() == length;
    }

    /** An array over the first {@code length} values of {@code buffer}, which is at least that long. */
    private static INDArray exact(DataBuffer buffer, int length, long[] shape, char order) {
        DataBuffer part = buffer.length() == length ? buffer : Nd4j.createBuffer(buffer, 0, length);
        return Nd4j.create(part, shape, order == 'c' ? new long[] {shape[1], 1} : new long[] {1, shape[0]}, 0, order);
    }

    /** The next-sample prediction (normalised) for a machine, or null before its first sample. */
    public double[] prediction(String machine) {
        Integer slot = slotOf.get(machine);
        return slot == null || predictions[slot] == null ? null : predictions[slot].clone();
    }

    /** Drops a machine's state; its slot is zeroed and given to the next machine that joins. */
    public void forget(String machine) {
        Integer slot = slotOf.remove(machine);
        if (slot == null) {
            return;
        }
        machineAt.set(slot, null);
        free.add(slot);
        predictions[slot] = null;
        stepped[slot] = 0;
        if (state != null) {
            for (int k = 0; k < state.length; k++) {
                Arrays.fill(state[k], slot * units[k], (slot + 1) * units[k], 0f);
            }
        }
    }

    public int machines() {
        return slotOf.size();
    }
}
