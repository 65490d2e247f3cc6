package io.linewatch.monitor.trainingjob;

import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.model.RegistryArtifact;
import io.linewatch.monitor.training.TrainingReport;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a trained bundle as a new version in the model registry. The artifact is the bundle in
 * the registry's form ({@link RegistryArtifact}, which the live loader reads back); the bundle's
 * contents (sensors, window, kind, normalizer, error scales, threshold, alarm policy) are also in
 * the version metadata, with metrics and lineage.
 */
final class RegistryPublisher {

    private final RestClient http;
    private final JsonMapper json;

    RegistryPublisher(String registryUrl, String apiKey, JsonMapper json) {
        this.http = RestClient.builder()
                .baseUrl(registryUrl)
                .defaultHeader("X-API-Key", apiKey)
                .build();
        this.json = json;
    }

    /** Creates the model if missing, registers the version and returns its number. */
    int register(String modelName, ModelBundle bundle, TrainingReport report, Map<String, Object> lineage)
            throws IOException {
        String task = bundle.kind() == ModelKind.LSTM_AUTOENCODER ? "anomaly-lstm" : "forecast-lstm";
        http.post()
                .uri("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "name", modelName, "task", task, "description", "trained by monitor-service training jobs"))
                .exchange((request, response) -> {
                    // 409: the model exists already, which is the usual case for a new version
                    if (!response.getStatusCode().is2xxSuccessful()
                            && response.getStatusCode() != HttpStatus.CONFLICT) {
                        throw new IOException(
                                "registry refused to create model " + modelName + ": " + response.getStatusCode() + " "
                                        + new String(response.getBody().readAllBytes()));
                    }
                    return null;
                });
        byte[] artifact = RegistryArtifact.write(bundle);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders artifactHeaders = new HttpHeaders();
        artifactHeaders.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(
                "artifact",
                new HttpEntity<>(
                        new ByteArrayResource(artifact) {
                            @Override
                            public String getFilename() {
                                return modelName + ".zip";
                            }
                        },
                        artifactHeaders));
        HttpHeaders metadataHeaders = new HttpHeaders();
        metadataHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add(
                "metadata",
                new HttpEntity<>(
                        json.writeValueAsString(metadata(bundle, report, lineage, sha256(artifact))), metadataHeaders));
        JsonNode created = http.post()
                .uri("/api/v1/models/{name}/versions", modelName)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange((request, response) -> {
                    String body = new String(response.getBody().readAllBytes());
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new IOException("registry refused the version: " + response.getStatusCode() + " " + body);
                    }
                    return json.readTree(body);
                });
        return created.get("version").asInt();
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
