package io.linewatch.monitor.trainingjob;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Body of {@code POST /api/v1/training-jobs}. Every field is nullable here so that
 * {@link #validated} can name each missing or bad one in the problem detail.
 */
record TrainingJobRequest(
        String modelName,
        String kind,
        CsvSource csv,
        TelemetrySource telemetry,
        Hyperparameters hyperparameters,
        Double validationSplit) {

    static final String AUTOENCODER = "autoencoder";
    static final String STREAMING_FORECASTER = "streaming-forecaster";
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** A server-side CSV in the format of {@code train --csv}: header row, rows in time order. */
    record CsvSource(String path, String separator, List<String> skipColumns) {}

    /** Telemetry of {@code machines} in [from, to) from ingest-service, {@code sensors} in this order. */
    record TelemetrySource(List<String> machines, List<String> sensors, String from, String to) {}

    /** Absent values take the global detector defaults ({@code DetectorSettings.defaults()}). */
    record Hyperparameters(
            Integer window,
            Integer units,
            Integer layers,
            Integer epochs,
            Double learningRate,
            Integer batchSize,
            Integer patience) {}

    /** The request with defaults filled in, or a 400 problem listing every bad field. */
    ValidJob validated(TrainingJobSettings settings) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (modelName == null || !MODEL_NAME.matcher(modelName).matches()) {
            errors.add(error("modelName", "required: 1-128 letters, digits, '.', '_' or '-'"));
        }
        if (!AUTOENCODER.equals(kind) && !STREAMING_FORECASTER.equals(kind)) {
            errors.add(error(
                    "kind",
                    "must be '" + AUTOENCODER + "' or '" + STREAMING_FORECASTER + "', got "
                            + (kind == null ? "nothing" : "'" + kind + "'")));
        }
        Path csvPath = null;
        Instant from = null;
        Instant to = null;
        if (csv != null && telemetry != null) {
            errors.add(error("csv", "give one data source: csv or telemetry, not both"));
        } else if (telemetry != null) {
            if (settings.ingestUrl() == null || settings.ingestApiKey() == null) {
                errors.add(error(
                        "telemetry",
                        "telemetry sources are disabled (linewatch.monitor.training-jobs."
                                + "ingest-url / ingest-api-key unset)"));
            }
            if (telemetry.machines() == null
                    || telemetry.machines().isEmpty()
                    || telemetry.machines().stream().anyMatch(m -> m == null || m.isBlank())) {
                errors.add(error("telemetry.machines", "required: one or more machine ids"));
            }
            if (telemetry.sensors() == null
                    || telemetry.sensors().isEmpty()
                    || telemetry.sensors().stream().anyMatch(m -> m == null || m.isBlank())
                    || new java.util.HashSet<>(telemetry.sensors()).size()
                            != telemetry.sensors().size()) {
                errors.add(error("telemetry.sensors", "required: the distinct sensor names, in model input order"));
            }
            from = instant(errors, "telemetry.from", telemetry.from());
            to = instant(errors, "telemetry.to", telemetry.to());
            if (from != null && to != null && !from.isBefore(to)) {
                errors.add(error("telemetry.from", "must be before telemetry.to"));
            }
        } else if (csv == null || csv.path() == null || csv.path().isBlank()) {
            errors.add(error("csv.path", "required (or a telemetry source): a CSV file under the configured csv-root"));
        } else if (settings.csvRoot() == null) {
            errors.add(error("csv.path", "CSV sources are disabled (linewatch.monitor.training-jobs.csv-root unset)"));
        } else {
            Path root = settings.csvRoot().toAbsolutePath().normalize();
            csvPath = root.resolve(csv.path()).normalize();
            if (!csvPath.startsWith(root)) {
                errors.add(error("csv.path", "must lie under the configured csv-root"));
                csvPath = null;
            } else if (!java.nio.file.Files.isRegularFile(csvPath)) {
                errors.add(error("csv.path", "no such file: " + csv.path()));
                csvPath = null;
            }
        }
        if (csv != null && csv.separator() != null && csv.separator().isEmpty()) {
            errors.add(error("csv.separator", "must not be empty"));
        }
        Hyperparameters h = hyperparameters != null
                ? hyperparameters
                : new Hyperparameters(null, null, null, null, null, null, null);
        int window = positive(errors, "hyperparameters.window", h.window(), 10, 2, 1000);
        int units = positive(errors, "hyperparameters.units", h.units(), 32, 1, 1024);
        int layers = positive(errors, "hyperparameters.layers", h.layers(), 1, 1, 8);
        if (AUTOENCODER.equals(kind) && layers != 1) {
            errors.add(error("hyperparameters.layers", "the autoencoder has one encoder and one decoder layer: 1"));
        }
        int epochs = positive(errors, "hyperparameters.epochs", h.epochs(), 25, 1, settings.maxEpochs());
        int batch = positive(errors, "hyperparameters.batchSize", h.batchSize(), 32, 1, 100_000);
        int patience = positive(errors, "hyperparameters.patience", h.patience(), 5, 1, 1000);
        double lr = h.learningRate() == null ? 0.005 : h.learningRate();
        if (!(lr > 0 && lr < 1)) {
            errors.add(error("hyperparameters.learningRate", "must be in (0, 1), got " + lr));
        }
        double split = validationSplit == null ? 0.25 : validationSplit;
        if (!(split > 0 && split < 0.9)) {
            errors.add(error("validationSplit", "must be in (0, 0.9), got " + split));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "invalid training job: " + errors.get(0).get("field") + " "
                            + errors.get(0).get("message"),
                    Map.of("errors", errors));
        }
        if (telemetry != null) {
            return new ValidJob(
                    modelName,
                    kind,
                    null,
                    null,
                    List.of(),
                    List.copyOf(telemetry.machines()),
                    List.copyOf(telemetry.sensors()),
                    from,
                    to,
                    window,
                    units,
                    layers,
                    epochs,
                    lr,
                    batch,
                    patience,
                    split);
        }
        String separator = csv.separator() == null ? ";" : csv.separator();
        List<String> skip = csv.skipColumns() == null
                ? List.of("datetime", "anomaly", "changepoint", "timestamp")
                : List.copyOf(csv.skipColumns());
        return new ValidJob(
                modelName, kind, csvPath, separator, skip, null, null, null, null, window, units, layers, epochs, lr,
                batch, patience, split);
    }

    private static int positive(
            List<Map<String, String>> errors, String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(error(field, "must be between " + min + " and " + max + ", got " + value));
            return fallback;
        }
        return value;
    }

    private static Instant instant(List<Map<String, String>> errors, String field, String value) {
        if (value == null) {
            errors.add(error(field, "required: an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(error(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'"));
            return null;
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    /** A checked job definition with every default applied. */
    record ValidJob(
            String modelName,
            String kind,
            Path csvPath,
            String separator,
            List<String> skipColumns,
            List<String> machines,
            List<String> sensors,
            Instant from,
            Instant to,
            int window,
            int units,
            int layers,
            int epochs,
            double learningRate,
            int batchSize,
            int patience,
            double validationSplit) {}
}
