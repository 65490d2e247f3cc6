package io.linewatch.quality.training;

import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.image.ImageRejectedException;
import io.linewatch.quality.image.InputShape;
import io.linewatch.quality.model.DefectNetFactory;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import io.linewatch.quality.model.NetworkSpec;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits the inspection CNN on labelled images: a stratified validation split (seeded), channel
 * choice and normalisation fitted on the fitting split only, class weights {@code n / (k * n_c)}
 * (optionally tempered) in the loss, augmented streaming batches, a cosine learning-rate decay, and early stopping
 * (after a warm-up) that keeps the weights of the epoch with the lowest validation loss.
 */
public final class DefectTrainer {

    private static final int SAMPLES_PER_CLASS = 10;
    static final int MIN_AUTO_SIZE = 64;
    static final int MAX_AUTO_SIZE = 256;

    private final ImageDecoder decoder;

    public DefectTrainer() {
        this(new ImageDecoder(ImageLimits.DEFAULT));
    }

    public DefectTrainer(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    public TrainingResult train(
            List<String> labels, List<LabelledImage> images, TrainingSettings settings, TrainingListener listener) {
        StratifiedSplit.Result split =
                StratifiedSplit.split(images, labels.size(), 1 - settings.validationFraction(), settings.seed());
        Sample sample = sample(labels, images);
        int channels = settings.channels() != 0 ? settings.channels() : sample.grey() ? 1 : 3;
        int size = settings.imageSize() != 0 ? settings.imageSize() : autoSize(sample.longerSides());
        InputShape shape = new InputShape(channels, size, size);
        PreparedImages fit = new PreparedImages(split.first(), shape, decoder, settings.cacheBytes());
        PreparedImages validation = new PreparedImages(split.second(), shape, decoder, settings.cacheBytes() / 4);
        double[][] normalisation = Normalisation.fit(fit);
        double[] weights = classWeights(labels.size(), split.first(), settings.classWeightPower());
        ModelContract contract = new ModelContract(
                ModelContract.FORMAT_VERSION,
                labels,
                shape,
                normalisation[0],
                normalisation[1],
                goodClasses(labels, settings.goodClasses()),
                0.5,
                settings.reviewLow(),
                settings.reviewHigh(),
                Map.of(),
                settings.describe());
        MultiLayerNetwork network = DefectNetFactory.build(new NetworkSpec(
                shape,
                labels.size(),
                settings.filters(),
                settings.stemKernel(),
                settings.stemStride(),
                settings.convsPerBlock(),
                settings.dropoutRetain(),
                settings.learningRate(),
                settings.l2(),
                settings.seed(),
                weights,
                settings.poolingType()));
        Augmenter augmenter = new Augmenter(
                settings.flips(),
                settings.rot90(),
                settings.rotationDegrees(),
                settings.brightness(),
                settings.contrast());
        ImageBatchIterator batches =
                new ImageBatchIterator(fit, contract, settings.batchSize(), augmenter, true, settings.seed());
        ImageBatchIterator validationBatches =
                new ImageBatchIterator(validation, contract, settings.batchSize(), Augmenter.NONE, false, 0);
        return new Run(network, contract, settings, listener, weights).fit(batches, validationBatches);
    }

    /** One training run's mutable state, kept out of the trainer so the trainer stays reusable. */
    private static final class Run {
        private final MultiLayerNetwork network;
        private final ModelContract contract;
        private final TrainingSettings settings;
        private final TrainingListener listener;
        private final double[] weights;

        Run(
                MultiLayerNetwork network,
                ModelContract contract,
                TrainingSettings settings,
                TrainingListener listener,
                double[] weights) {
            this.network = network;
            this.contract = contract;
            this.settings = settings;
            this.listener = listener;
            this.weights = weights;
        }

        TrainingResult fit(ImageBatchIterator batches, ImageBatchIterator validation) {
            long start = System.nanoTime();
            List<EpochProgress> history = new ArrayList<>();
            double learningRate = settings.learningRate();
            double best = Double.POSITIVE_INFINITY;
            double bestAccuracy = 0;
            INDArray bestParams = network.params().dup();
            int bestEpoch = 0;
            int sinceBest = 0;
            WeightAverage average = new WeightAverage(settings.emaDecay());
            int steps = Math.max(1, batches.batchesPerEpoch());
            int epochs = Math.max(settings.maxEpochs(), (settings.minSteps() + steps - 1) / steps);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                // Cosine decay: a fixed epoch budget ends on small steps without a noisy plateau rule.
                learningRate = settings.learningRate() * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
                network.setLearningRate(learningRate);
                double lossSum = 0;
                int count = 0;
                batches.reset();
                int total = batches.batchesPerEpoch();
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    network.fit(batch);
                    lossSum += network.score();
                    count++;
                    average.update(network.params());
                    listener.onBatch(epoch, count, total, network.score());
                }
                INDArray trained = average.active() ? network.params().dup() : null;
                if (trained != null) {
                    network.setParams(average.weights());
                }
                double[] val = validate(validation);
                if (val[0] < best - 1e-4) {
                    best = val[0];
                    bestAccuracy = val[1];
                    bestParams = network.params().dup();
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (epoch > settings.warmupEpochs()) {
                    sinceBest++;
                }
                if (trained != null) {
                    network.setParams(trained);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration epochTime = Duration.ofNanos(System.nanoTime() - epochStart);
                Duration eta = elapsed.dividedBy(epoch).multipliedBy(epochs - epoch);
                EpochProgress progress = new EpochProgress(
                        epoch,
                        epochs,
                        lossSum / Math.max(1, count),
                        val[0],
                        val[1],
                        learningRate,
                        bestEpoch,
                        epochTime,
                        elapsed,
                        eta);
                history.add(progress);
                listener.onEpoch(progress);
                if (sinceBest >= settings.patience()) {
                    break;
                }
            }
            network.setParams(bestParams);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("validationLoss", best);
            metrics.put("validationAccuracy", bestAccuracy);
            metrics.put("bestEpoch", (double) bestEpoch);
            return new TrainingResult(new ModelBundle(network, contract.withMetrics(metrics)), history, bestEpoch);
        }

        /** Class-weighted cross-entropy and accuracy on the validation split. */
        private double[] validate(ImageBatchIterator validation) {
            validation.reset();
            double loss = 0;
            double weightSum = 0;
            int correct = 0;
            int n = 0;
            while (validation.hasNext()) {
                DataSet batch = validation.next();
                INDArray out = network.output(batch.getFeatures(), false);
                float[][] p = out.toFloatMatrix();
                float[][] y = batch.getLabels().toFloatMatrix();
                for (int i = 0; i < p.length; i++) {
                    int truth = argmax(y[i]);
                    loss -= weights[truth] * Math.log(Math.max(1e-7, p[i][truth]));
                    weightSum += weights[truth];
                    correct += argmax(p[i]) == truth ? 1 : 0;
                    n++;
                }
            }
            return new double[] {loss / Math.max(1e-9, weightSum), (double) correct / Math.max(1, n)};
        }

        private static int argmax(float[] values) {
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            return best;
        }
    }

    static double[] classWeights(int classes, List<LabelledImage> images, double power) {
        double[] weights = new double[classes];
        int[] counts = new int[classes];
        images.forEach(image -> counts[image.label()]++);
        for (int c = 0; c < classes; c++) {
            double balanced = counts[c] == 0 ? 1.0 : (double) images.size() / (classes * (double) counts[c]);
            weights[c] = Math.pow(balanced, power);
        }
        return weights;
    }

    /** Labels whose name is in the good-class list, ignoring case. */
    public static List<String> goodClasses(List<String> labels, List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return labels.stream()
                .filter(label -> lower.contains(label.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Whether every sampled image is grey, and the longer side of each sampled image. */
    private record Sample(boolean grey, int[] longerSides) {}

    private Sample sample(List<String> labels, List<LabelledImage> images) {
        int[] seen = new int[labels.size()];
        boolean grey = true;
        List<Integer> sides = new ArrayList<>();
        for (LabelledImage image : images) {
            if (seen[image.label()]++ >= SAMPLES_PER_CLASS) {
                continue;
            }
            try {
                BufferedImage decoded = decoder.decode(image.path());
                grey &= ImagePreparer.isGrey(decoded);
                sides.add(Math.max(decoded.getWidth(), decoded.getHeight()));
            } catch (ImageRejectedException e) {
                throw new IllegalArgumentException(image.path() + ": " + e.getMessage(), e);
            }
        }
        return new Sample(grey, sides.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The input size for {@code imageSize=0}: the median longer side of the sampled images, rounded to
     * a multiple of 32 and clamped to {@value #MIN_AUTO_SIZE}-{@value #MAX_AUTO_SIZE} pixels.
     */
    static int autoSize(int[] longerSides) {
        if (longerSides.length == 0) {
            return MIN_AUTO_SIZE;
        }
        int[] sorted = longerSides.clone();
        Arrays.sort(sorted);
        int median = sorted[sorted.length / 2];
        int rounded = Math.round(median / 32f) * 32;
        return Math.max(MIN_AUTO_SIZE, Math.min(MAX_AUTO_SIZE, rounded));
    }
}
