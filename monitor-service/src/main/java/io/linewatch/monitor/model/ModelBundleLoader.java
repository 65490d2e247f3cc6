package io.linewatch.monitor.model;

import io.linewatch.common.registry.ModelLoader;
import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.Windows;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads a monitor model from a registry artifact ({@link RegistryArtifact}) and refuses it before
 * it serves unless: it is an autoencoder (what live scoring runs), its manifest agrees with the
 * registry's contract ({@code sensors}, {@code windowLength}), it reads the same sensors in the
 * same order as the version serving now (machines keep sending the same telemetry, and their
 * windows are kept across a swap), and one scoring call on a window of zeros gives a finite score.
 */
public final class ModelBundleLoader implements ModelLoader<ModelBundle> {

    private final Supplier<List<String>> servingSensors;

    /** @param servingSensors the sensors of the version serving now, or null when none serves */
    public ModelBundleLoader(Supplier<List<String>> servingSensors) {
        this.servingSensors = servingSensors;
    }

    @Override
    public ModelBundle load(Path artifact, ModelVersionInfo info) throws Exception {
        return RegistryArtifact.read(artifact);
    }

    @Override
    public void smokeTest(ModelBundle bundle, ModelVersionInfo info) {
        String what = info.modelName() + " v" + info.version();
        if (bundle.kind() != ModelKind.LSTM_AUTOENCODER) {
            throw new IllegalArgumentException(
                    what + " is a " + bundle.kind() + "; live scoring runs LSTM_AUTOENCODER");
        }
        var contract = info.contract();
        if (contract != null
                && contract.get("sensors") instanceof List<?> declared
                && !declared.equals(bundle.sensors())) {
            throw new IllegalArgumentException(
                    what + " declares sensors " + declared + " but its manifest has " + bundle.sensors());
        }
        if (contract != null
                && contract.get("windowLength") instanceof Number length
                && length.intValue() != bundle.window()) {
            throw new IllegalArgumentException(
                    what + " declares window " + length + " but its manifest has " + bundle.window());
        }
        List<String> serving = servingSensors.get();
        if (serving != null && !serving.equals(bundle.sensors())) {
            throw new IllegalArgumentException(what + " reads sensors " + bundle.sensors()
                    + " but the serving version reads " + serving + "; a new input contract needs a new model name");
        }
        double[][] zeros = new double[bundle.window()][bundle.sensors().size()];
        Score[] scores = bundle.scorer(1).score(Windows.floats(List.<double[][]>of(zeros)));
        if (scores.length != 1 || !Double.isFinite(scores[0].value())) {
            throw new IllegalArgumentException(what + " gives no finite score on a window of zeros");
        }
    }
}
