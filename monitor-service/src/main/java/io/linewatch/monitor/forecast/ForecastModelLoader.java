package io.linewatch.monitor.forecast;

import io.linewatch.common.registry.ModelLoader;
import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.RegistryArtifact;
import java.nio.file.Path;

/**
 * Loads a forecaster from a registry artifact and refuses it before it serves unless it is a
 * streaming forecaster that gives a finite one-step forecast from a sample of zeros.
 */
final class ForecastModelLoader implements ModelLoader<ModelBundle> {

    @Override
    public ModelBundle load(Path artifact, ModelVersionInfo info) throws Exception {
        return RegistryArtifact.read(artifact);
    }

    @Override
    public void smokeTest(ModelBundle bundle, ModelVersionInfo info) {
        String what = info.modelName() + " v" + info.version();
        if (bundle.kind() != ModelKind.LSTM_STREAMING_FORECASTER) {
            throw new IllegalArgumentException(
                    what + " is a " + bundle.kind() + "; forecasts need " + ModelKind.LSTM_STREAMING_FORECASTER);
        }
        double[][] forecast =
                Forecaster.forecast(bundle, new double[1][bundle.sensors().size()], 1);
        for (double v : forecast[0]) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " gives no finite forecast from a sample of zeros");
            }
        }
    }
}
