package io.linewatch.monitor.trainingjob;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.training.EpochListener;
import java.util.List;

/** Trains a small streaming forecaster with the product's trainer, for tests of other packages. */
public final class TinyForecaster {

    private TinyForecaster() {}

    /** One LSTM layer of 16 units over sequences of {@code window} steps, 15 epochs at most. */
    public static ModelBundle train(double[][] rows, List<String> sensors, int window, AlarmPolicy policy) {
        var job = new TrainingJobRequest.ValidJob(
                "tiny-forecaster",
                "LSTM_STREAMING_FORECASTER",
                null,
                ",",
                List.of(),
                List.of(),
                sensors,
                null,
                null,
                window,
                16,
                1,
                15,
                0.01,
                16,
                5,
                0.25);
        return ForecasterTrainer.train(rows, sensors, job, policy, EpochListener.NONE)
                .bundle();
    }
}
