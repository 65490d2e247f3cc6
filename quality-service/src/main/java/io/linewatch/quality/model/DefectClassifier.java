package io.linewatch.quality.model;

import io.linewatch.quality.image.ImagePreparer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a {@link ModelBundle} on images: prepares them per the contract, infers a whole batch in
 * one {@code output()} call and turns probabilities into {@link Prediction}s. DL4J's
 * {@code output()} is synchronized, so one classifier serves one thread at a time; give each
 * worker its own (see {@link #copy()}).
 *
 * <p>Inference runs on the {@link InferenceNetwork} form of the bundle's network (batch
 * normalisation folded into the convolutions), made once here: later changes to the trained
 * network's parameters are not seen. The trained network stays available for saving.
 */
public final class DefectClassifier {

    private final MultiLayerNetwork network;
    private final MultiLayerNetwork inference;
    private final ModelContract contract;
    private final boolean[] good;

    public DefectClassifier(ModelBundle bundle) {
        this(bundle, true);
    }

    /** @param fold false: infer on the trained network itself (for comparisons) */
    public DefectClassifier(ModelBundle bundle, boolean fold) {
        this.network = bundle.network();
        this.inference = fold ? InferenceNetwork.of(network) : network;
        this.contract = bundle.contract();
        this.good = new boolean[contract.labels().size()];
        for (int i = 0; i < good.length; i++) {
            good[i] = contract.goodClasses().contains(contract.labels().get(i));
        }
    }

    public ModelContract contract() {
        return contract;
    }

    public DefectClassifier copy() {
        return new DefectClassifier(new ModelBundle(network.clone(), contract), inference != network);
    }

    public List<Prediction> classify(List<BufferedImage> images) {
        List<float[]> prepared = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            prepared.add(ImagePreparer.prepare(image, contract.input(), contract.padding()));
        }
        return classifyPrepared(prepared);
    }

    /** Classifies images already prepared (pixel units, not yet normalised) to the contract's shape. */
    public List<Prediction> classifyPrepared(List<float[]> prepared) {
        float[][] probabilities = probabilities(prepared);
        List<Prediction> predictions = new ArrayList<>(probabilities.length);
        for (float[] p : probabilities) {
            predictions.add(predict(p));
        }
        return predictions;
    }

    public float[][] probabilities(List<float[]> prepared) {
        if (prepared.isEmpty()) {
            return new float[0][];
        }
        INDArray features = Features.batch(prepared, contract);
        INDArray out = inference.output(features, false);
        return out.toFloatMatrix();
    }

    /** Probability of any non-good label, or NaN when the contract names no good class. */
    public double pDefect(float[] probabilities) {
        if (!contract.hasGoodClass()) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (!good[i]) {
                sum += probabilities[i];
            }
        }
        return Math.min(1.0, Math.max(0.0, sum));
    }

    Prediction predict(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            byLabel.put(contract.labels().get(i), (double) p[i]);
        }
        double pDefect = pDefect(p);
        return new Prediction(contract.labels().get(best), p[best], pDefect, verdict(p[best], pDefect), byLabel);
    }

    Verdict verdict(double confidence, double pDefect) {
        if (Double.isNaN(pDefect)) {
            return confidence >= contract.reviewHigh() ? Verdict.FAIL : Verdict.REVIEW;
        }
        if (pDefect < contract.reviewLow()) {
            return Verdict.PASS;
        }
        return pDefect >= contract.reviewHigh() ? Verdict.FAIL : Verdict.REVIEW;
    }

    /** The trained network, as saved and registered (not the one inference runs on). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The network {@link #probabilities} runs: normally the trained one with batch normalisation folded. */
    public MultiLayerNetwork inferenceNetwork() {
        return inference;
    }
}
