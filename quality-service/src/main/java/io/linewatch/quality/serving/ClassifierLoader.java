package io.linewatch.quality.serving;

import io.linewatch.common.registry.ModelLoader;
import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.RegistryArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Loads a quality model from a registry artifact and refuses it, before it serves, unless the
 * version is a {@code defect-cnn}, the contract inside the artifact agrees with the registry's
 * metadata (class labels, input shape, output size, normalisation, thresholds), and one
 * classification of a blank image at the input size gives one finite probability per label.
 */
final class ClassifierLoader implements ModelLoader<DefectClassifier> {

    private final UnaryOperator<ModelBundle> adjust;
    private final boolean fold;

    /** @param adjust applied to the loaded bundle, e.g. the configured review band */
    ClassifierLoader(UnaryOperator<ModelBundle> adjust) {
        this(adjust, true);
    }

    /** @param fold infer on the network with batch normalisation folded (see {@code InferenceNetwork}) */
    ClassifierLoader(UnaryOperator<ModelBundle> adjust, boolean fold) {
        this.adjust = adjust;
        this.fold = fold;
    }

    @Override
    public DefectClassifier load(Path artifact, ModelVersionInfo info) throws Exception {
        ModelBundle bundle = RegistryArtifact.read(artifact);
        check(bundle, info);
        return new DefectClassifier(adjust.apply(bundle), fold);
    }

    @Override
    public void smokeTest(DefectClassifier classifier, ModelVersionInfo info) {
        var input = classifier.contract().input();
        float[] blank = new float[input.length()];
        int area = input.height() * input.width();
        for (int c = 0; c < input.channels(); c++) {
            java.util.Arrays.fill(
                    blank, c * area, (c + 1) * area, classifier.contract().padding()[c]);
        }
        float[][] p;
        synchronized (classifier) {
            p = classifier.probabilities(List.of(blank));
        }
        int labels = classifier.contract().labels().size();
        if (p.length != 1 || p[0].length != labels) {
            throw new IllegalArgumentException(
                    what(info) + " gives " + (p.length == 1 ? p[0].length : 0) + " outputs for " + labels + " labels");
        }
        for (float v : p[0]) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what(info) + " gives a non-finite probability on a blank image");
            }
        }
    }

    /** The artifact's contract must be the one the registry describes. */
    static void check(ModelBundle bundle, ModelVersionInfo info) {
        String what = what(info);
        if (info.task() != null && !RegistryArtifact.TASK.equals(info.task())) {
            throw new IllegalArgumentException(
                    what + " is a '" + info.task() + "' model; inspections need '" + RegistryArtifact.TASK + "'");
        }
        Map<String, Object> declared = RegistryArtifact.describe(bundle.contract());
        compare(what, "contract", info.contract(), declared.get("contract"), "classLabels", "inputShape");
        compare(what, "contract", info.contract(), declared.get("contract"), "outputShape", "goodClasses");
        compare(what, "normalizer", info.normalizer(), declared.get("normalizer"), "mean", "std");
        compare(what, "thresholds", info.thresholds(), declared.get("thresholds"), "reviewLow", "reviewHigh");
        compare(what, "thresholds", info.thresholds(), declared.get("thresholds"), "defectThreshold");
    }

    private static void compare(
            String what, String section, Map<String, Object> registry, Object artifact, String... keys) {
        Map<?, ?> inArtifact = (Map<?, ?>) artifact;
        for (String key : keys) {
            Object stated = registry == null ? null : registry.get(key);
            if (stated == null) {
                if (section.equals("contract") && key.equals("classLabels")) {
                    throw new IllegalArgumentException(what + " has no contract.classLabels in its registry metadata");
                }
                continue;
            }
            if (!sameValue(stated, inArtifact.get(key))) {
                throw new IllegalArgumentException(what + ": registry " + section + "." + key + " " + stated
                        + " does not match the artifact's " + inArtifact.get(key));
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Math.abs(x.doubleValue() - y.doubleValue()) <= 1e-6 * Math.max(1, Math.abs(y.doubleValue()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    private static String what(ModelVersionInfo info) {
        return info.modelName() + " v" + info.version();
    }
}
