package io.linewatch.monitor.scoring;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
 * a whole window. The score of a sample is the squared error of the prediction made from the
 * samples before it. Not thread-safe; one instance per worker thread, each over its own network
 * clone.
 *
 * <p>DL4J keeps an LSTM layer's step state in the layer's state map, one row per batch row
 * ({@code rnnGetPreviousState} / {@code rnnSetPreviousState} hand out and take those arrays by
 * reference, and a step replaces them with new ones). This scorer keeps the state of all its
 * machines the same way: one matrix per layer and state kind, one row ("slot") per machine, slots
 * stable for the life of the machine. A step lays the due machines' rows out in slot order; when
 * they are every slot the matrices are handed to the network as they are and the network's new
 * ones kept, so nothing is copied. Otherwise the due rows are gathered into one matrix per layer
 * and kind and written back after the step, row by row between the native buffers (measured:
 * native {@code pullRows} and {@code scatter_upd} on 500 of 1,000 rows cost half a step). A machine
 * that leaves frees its slot (zeroed) for the next one that joins. Before this, each machine kept
 * its own small arrays and a step cost about twice the bare {@code rnnTimeStep}.
 */
public final class StreamingForecastScorer {

    private final MultiLayerNetwork network;
    private final int recurrentLayers;
    private final DataType dataType;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final List<String> machineAt = new ArrayList<>();
    private final TreeSet<Integer> free = new TreeSet<>();
    private List<String> keys;
    /** [layer * keys + key] -> [slots, units]; null before the first step. */
    private INDArray[] state;
    /** Per slot: the prediction of the slot's next sample (normalised); null before its first. */
    private double[][] predictions = new double[0][];

    private long wholeSteps;
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
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = slotFor(machines.get(i));
        }
        grow();
        int[] order = bySlot(slots);
        int[] sortedSlots = new int[n];
        for (int r = 0; r < n; r++) {
            sortedSlots[r] = slots[order[r]];
        }
        boolean everySlot = n == machineAt.size();
        if (everySlot && state != null) {
            wholeSteps++;
        }

        network.rnnClearPreviousState();
        if (state != null) {
            setState(everySlot ? null : sortedSlots);
        }
        INDArray prediction = network.rnnTimeStep(input(samples, order, sensors));
        takeState(everySlot ? null : sortedSlots, n);
        network.rnnClearPreviousState();

        float[] predicted = prediction.reshape(n, sensors).dup('c').data().asFloat();
        Score[] scores = new Score[n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            int slot = sortedSlots[r];
            double[] before = predictions[slot];
            double[] next = before != null ? before : new double[sensors];
            if (before != null) {
                double[] errors = new double[sensors];
                for (int s = 0; s < sensors; s++) {
                    double d = samples[i][s] - before[s];
                    errors[s] = errorScales == null ? d * d : d * d / errorScales[s];
                }
                scores[i] = Score.fromSensorErrors(errors);
            }
            for (int s = 0; s < sensors; s++) {
                next[s] = predicted[r * sensors + s];
            }
            predictions[slot] = next;
        }
        return scores;
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
            predictions = Arrays.copyOf(predictions, slots);
        }
        if (state == null || state[0].size(0) == slots) {
            return;
        }
        for (int k = 0; k < state.length; k++) {
            INDArray bigger = Nd4j.zeros(DataType.FLOAT, slots, state[k].size(1));
            buffer(bigger).put(0, buffer(state[k]), 0, (int) state[k].length());
            state[k] = bigger;
        }
    }

    private static int[] bySlot(int[] slots) {
        long[] packed = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            packed[i] = ((long) slots[i] << 32) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[slots.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = (int) packed[r];
        }
        return order;
    }

    private INDArray input(double[][] samples, int[] order, int sensors) {
        int n = order.length;
        if (dataType == DataType.FLOAT) {
            float[] flat = new float[n * sensors];
            for (int r = 0; r < n; r++) {
                double[] row = samples[order[r]];
                for (int s = 0; s < sensors; s++) {
                    flat[r * sensors + s] = (float) row[s];
                }
            }
            return Nd4j.create(flat, new long[] {n, sensors}, 'c');
        }
        double[] flat = new double[n * sensors];
        for (int r = 0; r < n; r++) {
            System.arraycopy(samples[order[r]], 0, flat, r * sensors, sensors);
        }
        return Nd4j.create(flat, new long[] {n, sensors}, 'c').castTo(dataType);
    }

    /** Hands the network the due rows: the matrices themselves when every slot is due (rows == null). */
    private void setState(int[] rows) {
        int k = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> layerState = new HashMap<>();
            for (String key : keys) {
                INDArray due = rows == null ? state[k] : gather(state[k], rows);
                layerState.put(key, dataType == DataType.FLOAT ? due : due.castTo(dataType));
                k++;
            }
            network.rnnSetPreviousState(layer, layerState);
        }
    }

    /** Keeps the network's new state: by reference when every slot stepped, else scattered into the slots. */
    private void takeState(int[] rows, int n) {
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(network.rnnGetPreviousState(0).keySet()));
        }
        boolean fresh = state == null;
        if (fresh) {
            state = new INDArray[recurrentLayers * keys.size()];
        }
        int k = 0;
        for (int layer = 0; layer < recurrentLayers; layer++) {
            Map<String, INDArray> layerState = network.rnnGetPreviousState(layer);
            for (String key : keys) {
                INDArray stepped = layerState.get(key);
                INDArray updated = plain(stepped.reshape(n, stepped.size(1)));
                if (rows == null) {
                    state[k] = updated;
                } else {
                    if (fresh) {
                        state[k] = Nd4j.zeros(DataType.FLOAT, machineAt.size(), updated.size(1));
                    }
                    scatter(state[k], rows, updated);
                }
                k++;
            }
        }
    }

    /** Rows {@code rows} of {@code matrix}, in that order, as a new matrix. */
    private static INDArray gather(INDArray matrix, int[] rows) {
        int u = (int) matrix.size(1);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows.length, u);
        FloatBuffer from = buffer(matrix);
        FloatBuffer to = buffer(out);
        for (int r = 0; r < rows.length; r++) {
            to.put(r * u, from, rows[r] * u, u);
        }
        return out;
    }

    /** {@code target[rows[r]] = updates[r]} for every r, in place. */
    private static void scatter(INDArray target, int[] rows, INDArray updates) {
        int u = (int) target.size(1);
        FloatBuffer from = buffer(updates);
        FloatBuffer to = buffer(target);
        for (int r = 0; r < rows.length; r++) {
            to.put(rows[r] * u, from, r * u, u);
        }
    }

    /** The native memory of a contiguous row-major float array, without a copy. */
    private static FloatBuffer buffer(INDArray array) {
        return array.data().asNioFloat();
    }

    /** The array itself when it is contiguous, row-major, float and starts its buffer; else such a copy. */
    private static INDArray plain(INDArray array) {
        boolean plain = array.ordering() == 'c'
                && !array.isView()
                && array.offset() == 0
                && array.dataType() == DataType.FLOAT
                && array.data().length() == array.length();
        return plain ? array : array.dup('c').castTo(DataType.FLOAT);
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
        if (state != null && slot < state[0].size(0)) {
            for (INDArray matrix : state) {
                int u = (int) matrix.size(1);
                FloatBuffer row = buffer(matrix);
                for (int i = slot * u; i < (slot + 1) * u; i++) {
                    row.put(i, 0f);
                }
            }
        }
    }

    /** Steps whose state went to the network and back without a copy (every slot due). */
    long wholeSteps() {
        return wholeSteps;
    }

    public int machines() {
        return slotOf.size();
    }
}
