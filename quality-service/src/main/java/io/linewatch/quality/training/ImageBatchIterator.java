package io.linewatch.quality.training;

import io.linewatch.quality.model.Features;
import io.linewatch.quality.model.ModelContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streams normalised, optionally augmented mini-batches from {@link PreparedImages}; only the
 * current batch exists as a float tensor. The order is reshuffled on every {@link #reset()} from
 * a seeded generator, so a training run is reproducible.
 */
final class ImageBatchIterator implements DataSetIterator {

    private final PreparedImages images;
    private final ModelContract contract;
    private final int batchSize;
    private final Augmenter augmenter;
    private final Random random;
    private final boolean shuffle;
    private final int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    ImageBatchIterator(
            PreparedImages images,
            ModelContract contract,
            int batchSize,
            Augmenter augmenter,
            boolean shuffle,
            long seed) {
        this.images = images;
        this.contract = contract;
        this.batchSize = batchSize;
        this.augmenter = augmenter;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        reset();
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, order.length - cursor);
        if (n <= 0) {
            throw new java.util.NoSuchElementException("no more batches; call reset()");
        }
        float[] padding = contract.padding();
        List<float[]> batch = new ArrayList<>(n);
        INDArray labels = Nd4j.zeros(n, contract.labels().size());
        for (int i = 0; i < n; i++) {
            int index = order[cursor + i];
            float[] image = images.get(index, padding);
            batch.add(augmenter.apply(image, contract.input(), padding, random));
            labels.putScalar(i, images.image(index).label(), 1.0);
        }
        cursor += n;
        DataSet dataSet = new DataSet(Features.batch(batch, contract), labels);
        if (preProcessor != null) {
            preProcessor.preProcess(dataSet);
        }
        return dataSet;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public void reset() {
        cursor = 0;
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public int inputColumns() {
        return contract.input().length();
    }

    @Override
    public int totalOutcomes() {
        return contract.labels().size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return contract.labels();
    }
}
