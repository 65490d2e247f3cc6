package io.linewatch.monitor.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batch training of any of the networks, shuffled with a fixed seed so that a run is
 * repeatable, with early stopping on validation loss: training stops after {@code patience}
 * epochs without improvement and the best parameters are restored.
 */
public final class NetworkTrainer {

    private final int epochs;
    private final int batchSize;
    private final int patience;
    private final long seed;

    public NetworkTrainer(int epochs, int batchSize, int patience, long seed) {
        if (epochs < 1 || batchSize < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs, batchSize and patience must be at least 1");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.patience = patience;
        this.seed = seed;
    }

    /** Fits features to labels; validation may be null (then all epochs run). */
    public TrainingReport fit(MultiLayerNetwork network, INDArray features, INDArray labels, DataSet validation) {
        return fit(network, features, labels, validation, EpochListener.NONE);
    }

    /**
     * As {@link #fit(MultiLayerNetwork, INDArray, INDArray, DataSet)}, reporting every epoch to
     * {@code listener} and asking it before each epoch whether to stop (training jobs use this for
     * progress and cancellation; a cancelled run throws {@link java.util.concurrent.CancellationException}).
     */
    public TrainingReport fit(
            MultiLayerNetwork network, INDArray features, INDArray labels, DataSet validation, EpochListener listener) {
        Random random = new Random(seed);
        long examples = features.size(0);
        List<Double> train = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        long started = System.nanoTime();
        int epoch = 0;
        while (epoch < epochs) {
            if (listener.cancelled()) {
                throw new java.util.concurrent.CancellationException("training cancelled after epoch " + epoch);
            }
            int[] order = permutation((int) examples, random);
            double lossSum = 0;
            int batches = 0;
            for (int i = 0; i < order.length; i += batchSize) {
                long[] idx = toLongs(slice(order, i, Math.min(order.length, i + batchSize)));
                INDArray f = rows(features, idx);
                INDArray l = rows(labels, idx);
                network.fit(f, l);
                lossSum += network.score();
                batches++;
            }
            epoch++;
            train.add(lossSum / batches);
            if (validation == null) {
                val.add(Double.NaN);
                bestEpoch = epoch;
                listener.epochDone(epoch, epochs, lossSum / batches, Double.NaN);
                continue;
            }
            double v = network.score(validation, false);
            val.add(v);
            listener.epochDone(epoch, epochs, lossSum / batches, v);
            if (v < best) {
                best = v;
                bestEpoch = epoch;
                bestParams = network.params().dup();
            } else if (epoch - bestEpoch >= patience) {
                break;
            }
        }
        if (bestParams != null) {
            network.setParams(bestParams);
        }
        double millisPerEpoch = (System.nanoTime() - started) / 1e6 / epoch;
        return new TrainingReport(epoch, bestEpoch, train, val, millisPerEpoch);
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static INDArray rows(INDArray array, long[] idx) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        index[0] = NDArrayIndex.indices(idx);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return array.get(index);
    }
}
