package io.linewatch.monitor.forecast;

import io.linewatch.common.registry.LiveModel;
import io.linewatch.common.registry.LoadedModel;
import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The forecaster: from the registry ({@code model-name} at {@code model-alias}, through the model
 * client, which swaps versions when the alias moves) or else the configured bundle file, loaded on
 * first use and again whenever the file's modification time changes.
 */
@Component
class ForecastModel {

    private final ForecastSettings settings;
    private final ObjectProvider<ModelRegistryClient> registry;
    private LiveModel<ModelBundle> live;
    private ModelBundle bundle;
    private FileTime loadedAt;

    ForecastModel(ForecastSettings settings, ObjectProvider<ModelRegistryClient> registry) {
        this.settings = settings;
        this.registry = registry;
    }

    synchronized ModelBundle current() {
        if (settings.modelName() != null && !settings.modelName().isBlank()) {
            return fromRegistry();
        }
        Path file = settings.modelFile();
        if (file == null) {
            throw unavailable("no forecaster configured (linewatch.monitor.forecast.model-file)");
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (bundle == null || !modified.equals(loadedAt)) {
                ModelBundle loaded = ModelBundle.load(file);
                if (loaded.kind() != ModelKind.LSTM_STREAMING_FORECASTER) {
                    throw unavailable("the configured model is a " + loaded.kind() + ", forecasts need "
                            + ModelKind.LSTM_STREAMING_FORECASTER);
                }
                bundle = loaded;
                loadedAt = modified;
            }
            return bundle;
        } catch (IOException e) {
            throw unavailable("the forecaster model cannot be read: " + e.getMessage());
        }
    }

    private ModelBundle fromRegistry() {
        String ref = settings.modelName() + "@" + settings.modelAlias();
        if (live == null) {
            ModelRegistryClient client = registry.getIfAvailable();
            if (client == null) {
                throw unavailable("forecaster " + ref + " configured but no model registry client "
                        + "(linewatch.model-client.registry-url)");
            }
            live = client.subscribe(settings.modelName(), settings.modelAlias(), new ForecastModelLoader());
        }
        return live.current()
                .map(LoadedModel::model)
                .orElseThrow(() -> unavailable("forecaster " + ref + " is not loaded yet"
                        + live.lastFailure().map(f -> ": " + f).orElse("")));
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, detail, Map.of());
    }
}
