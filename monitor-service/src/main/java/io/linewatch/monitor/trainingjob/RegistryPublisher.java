package io.linewatch.monitor.trainingjob;

import io.linewatch.common.registry.RegistryUploader;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.RegistryArtifact;
import io.linewatch.monitor.training.TrainingReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a trained bundle as a new version in the model registry. The artifact is the bundle in
 * the registry's form ({@link RegistryArtifact}, which the live loader reads back); the bundle's
 * contents (sensors, window, kind, normalizer, error scales, threshold, alarm policy) are also in
 * the version metadata, with metrics and lineage.
 */
final class RegistryPublisher {

    private final RegistryUploader registry;

    RegistryPublisher(String registryUrl, String apiKey, JsonMapper json) {
        this.registry = new RegistryUploader(registryUrl, apiKey, json);
    }

    /** Creates the model if missing, registers the version and returns its number. */
    int register(String modelName, ModelBundle bundle, TrainingReport report, Map<String, Object> lineage)
            throws IOException {
        String task = bundle.kind() == ModelKind.LSTM_AUTOENCODER ? "anomaly-lstm" : "forecast-lstm";
        byte[] artifact = RegistryArtifact.write(bundle);
        return registry.register(
                modelName,
                task,
                "trained by monitor-service training jobs",
                artifact,
                metadata(bundle, report, lineage, RegistryUploader.sha256(artifact)));
    }

    static Map<String, Object> metadata(
            ModelBundle bundle, TrainingReport report, Map<String, Object> lineage, String sha256) {
        int sensors = bundle.sensors().size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", bundle.kind() + " over " + sensors + " sensors, window " + bundle.window());
        m.put("sha256", sha256);
        m.put("format", "dl4j-zip");
        m.put(
                "contract",
                Map.of(
                        "inputShape", List.of(sensors, bundle.window()),
                        "outputShape", List.of(sensors, bundle.window()),
                        "windowLength", bundle.window(),
                        "sensors", bundle.sensors(),
                        "kind", bundle.kind().name(),
                        "layout", "[batch, sensors, time]"));
        m.put(
                "normalizer",
                Map.of(
                        "type", "standard",
                        "mean", bundle.normalizer().means(),
                        "std", bundle.normalizer().scales(),
                        "differenced", bundle.normalizer().differenced()));
        var t = bundle.threshold();
        var p = bundle.policy();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("anomaly", t.value());
        thresholds.put("percentile", t.percentile());
        thresholds.put("factor", t.factor());
        thresholds.put("calibrationPercentileScore", t.calibrationPercentileScore());
        thresholds.put("calibrationWindows", t.calibrationWindows());
        thresholds.put("errorScales", bundle.errorScales());
        // samples of a run (from a zero state) before its scores count
        thresholds.put("warmUp", bundle.warmUp());
        thresholds.put(
                "policy",
                Map.of(
                        "debounce", p.debounce(),
                        "clearRatio", p.clearRatio(),
                        "clearAfter", p.clearAfter(),
                        "smoothing", p.smoothing()));
        m.put("thresholds", thresholds);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epochs", report.epochs());
        metrics.put("bestEpoch", report.bestEpoch());
        metrics.put("finalTrainLoss", last(report.trainLoss()));
        double v = report.validationLoss().isEmpty()
                ? Double.NaN
                : report.validationLoss().get(report.bestEpoch() - 1);
        if (!Double.isNaN(v)) {
            metrics.put("bestValidationLoss", v);
        }
        metrics.put("millisPerEpoch", report.millisPerEpoch());
        m.put("metrics", metrics);
        m.put("hyperparameters", lineage.get("hyperparameters"));
        Map<String, Object> data = new LinkedHashMap<>(lineage);
        data.remove("hyperparameters");
        m.put("trainingData", data);
        return m;
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }
}
