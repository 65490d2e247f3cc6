package io.linewatch.monitor.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.common.web.ProblemException;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ForecastModelUnitTest {

    @TempDir
    Path dir;

    static ForecastModel model(String name, Path file) {
        var none = new StaticListableBeanFactory().getBeanProvider(ModelRegistryClient.class);
        return new ForecastModel(new ForecastSettings(name, "production", file, 10, Duration.ofSeconds(1), 10), none);
    }

    static String detail(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) thrown).getStatusCode().value()).isEqualTo(503);
        return ((ProblemException) thrown).getBody().getDetail();
    }

    @Test
    void servesTheConfiguredFileAndRefusesAnythingElseWith503() throws Exception {
        Path file = dir.resolve("forecaster.zip");
        ForecasterUnitTest.bundle(new boolean[] {false, false}).save(file);
        ModelBundle loaded = model(null, file).current();
        assertThat(loaded.kind()).isEqualTo(ModelKind.LSTM_STREAMING_FORECASTER);
        assertThat(loaded.sensors()).isEqualTo(ForecasterUnitTest.SENSORS);

        assertThat(detail(() -> model(null, null).current())).contains("no forecaster configured");
        Files.writeString(dir.resolve("broken.zip"), "not a zip");
        assertThat(detail(() -> model(null, dir.resolve("broken.zip")).current()))
                .contains("cannot be read");
        assertThat(detail(() -> model("press-forecast", file).current())).contains("no model registry client");
    }
}
