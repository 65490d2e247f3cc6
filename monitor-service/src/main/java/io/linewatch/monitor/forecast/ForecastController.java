package io.linewatch.monitor.forecast;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.monitor.model.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/machines/{id}/forecast?horizon=N} (role READ): the next N samples per sensor.
 * {@code GET} uses the machine's recent samples from the {@link RecentSamples} sources;
 * {@code POST} takes them in the body ({@code {"samples": [{"timestamp", "values": {...}}]}}).
 */
@RestController
@RequestMapping("/api/v1/machines/{id}/forecast")
class ForecastController {

    private final ForecastModel model;
    private final ForecastSettings settings;
    private final ObjectProvider<RecentSamples> sources;

    ForecastController(ForecastModel model, ForecastSettings settings, ObjectProvider<RecentSamples> sources) {
        this.model = model;
        this.settings = settings;
        this.sources = sources;
    }

    record ForecastRequest(List<RecentSamples.Sample> samples) {}

    /** Per sensor the N forecast values; {@code timestamps[k]} belongs to the k-th value of each. */
    record Forecast(
            String machineId,
            int horizon,
            Instant lastSampleAt,
            long intervalMillis,
            int historyUsed,
            List<Instant> timestamps,
            Map<String, double[]> sensors) {}

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    Forecast get(@PathVariable String id, @RequestParam(required = false) String horizon) {
        int n = horizon(horizon);
        ModelBundle bundle = model.current();
        for (RecentSamples source : sources) {
            List<RecentSamples.Sample> recent = source.recent(id, settings.maxHistory());
            if (!recent.isEmpty()) {
                return forecast(id, bundle, recent, n);
            }
        }
        throw new ProblemException(
                HttpStatus.CONFLICT,
                ProblemTypes.CONFLICT,
                "no recent data for machine " + id + ": nothing to start a forecast from (POST the recent samples)",
                Map.of("machineId", id));
    }

    @PostMapping
    @PreAuthorize("hasRole('READ')")
    Forecast post(
            @PathVariable String id,
            @RequestParam(required = false) String horizon,
            @RequestBody ForecastRequest request) {
        int n = horizon(horizon);
        ModelBundle bundle = model.current();
        if (request == null || request.samples() == null || request.samples().isEmpty()) {
            throw invalid("samples", "samples must hold at least one recent sample");
        }
        List<RecentSamples.Sample> samples = request.samples();
        if (samples.size() > settings.maxHistory()) {
            samples = samples.subList(samples.size() - settings.maxHistory(), samples.size());
        }
        return forecast(id, bundle, samples, n);
    }

    private Forecast forecast(String id, ModelBundle bundle, List<RecentSamples.Sample> samples, int horizon) {
        List<String> names = bundle.sensors();
        double[][] history = new double[samples.size()][names.size()];
        Instant previous = null;
        for (int i = 0; i < samples.size(); i++) {
            RecentSamples.Sample sample = samples.get(i);
            if (sample == null || sample.timestamp() == null) {
                throw invalid("samples[" + i + "].timestamp", "every sample needs a timestamp");
            }
            if (previous != null && !sample.timestamp().isAfter(previous)) {
                throw invalid("samples[" + i + "].timestamp", "samples must be in increasing time order");
            }
            previous = sample.timestamp();
            for (int s = 0; s < names.size(); s++) {
                Double v = sample.values() == null ? null : sample.values().get(names.get(s));
                if (v == null || !Double.isFinite(v)) {
                    throw invalid(
                            "samples[" + i + "].values." + names.get(s),
                            "the forecaster reads sensors " + names + "; sample " + i + " has no finite value for "
                                    + names.get(s));
                }
                history[i][s] = v;
            }
        }
        double[][] rows = Forecaster.forecast(bundle, history, horizon);
        List<Instant> timestamps = new ArrayList<>(horizon);
        Map<String, double[]> perSensor = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            double[] values = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                values[k] = rows[k][s];
            }
            perSensor.put(names.get(s), values);
        }
        for (int k = 1; k <= horizon; k++) {
            timestamps.add(previous.plus(settings.interval().multipliedBy(k)));
        }
        return new Forecast(
                id, horizon, previous, settings.interval().toMillis(), samples.size(), timestamps, perSensor);
    }

    private int horizon(String value) {
        if (value == null) {
            throw invalid("horizon", "horizon is required: the number of future samples, 1.." + settings.maxHorizon());
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid("horizon", "horizon must be an integer, got '" + value + "'");
        }
        if (n < 1 || n > settings.maxHorizon()) {
            throw invalid("horizon", "horizon must be between 1 and " + settings.maxHorizon() + ", got " + n);
        }
        return n;
    }

    private static ProblemException invalid(String parameter, String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail, Map.of("parameter", parameter));
    }
}
