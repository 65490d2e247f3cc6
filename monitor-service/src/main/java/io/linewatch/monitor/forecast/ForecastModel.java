package io.linewatch.monitor.forecast;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The configured forecaster bundle, loaded on first use and again whenever the file's
 * modification time changes (a new training job's bundle can be copied over it without a restart).
 */
@Component
class ForecastModel {

    private final ForecastSettings settings;
    private ModelBundle bundle;
    private FileTime loadedAt;

    ForecastModel(ForecastSettings settings) {
        this.settings = settings;
    }

    synchronized ModelBundle current() {
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

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, detail, Map.of());
    }
}
