package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import java.util.Map;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@link TelemetrySample} contract as storage relies on it. Ingest validates far more
 * (sensor ranges, clock skew); this only rejects what cannot be stored, whoever produced it. As
 * the validator of the {@code ErrorHandlingDeserializer} it makes a violating record fail
 * deserialization, so it is dead-lettered with its original bytes like an unreadable one.
 */
final class SampleContract implements Validator {

    static final int MAX_NAME_LENGTH = 200;

    /** 9999-12-31T23:59:59.999Z: partition names and the binary COPY encoding assume four-digit years. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    @Override
    public boolean supports(Class<?> type) {
        return TelemetrySample.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        String violation = violation((TelemetrySample) target);
        if (violation != null) {
            errors.reject("telemetry-sample-contract", violation);
        }
    }

    /** Returns why the sample breaks the contract, or {@code null} when it can be stored. */
    static String violation(TelemetrySample sample) {
        if (sample.schemaVersion() != TelemetrySample.SCHEMA_VERSION) {
            return "unsupported schemaVersion " + sample.schemaVersion();
        }
        if (!validName(sample.machineId())) {
            return "machineId must be 1.." + MAX_NAME_LENGTH + " characters";
        }
        if (!validTime(sample.ts()) || !validTime(sample.receivedAt())) {
            return "ts and receivedAt must be epoch milliseconds between 1970 and 9999";
        }
        if (sample.values() == null || sample.values().isEmpty()) {
            return "values must name at least one sensor";
        }
        for (Map.Entry<String, Double> value : sample.values().entrySet()) {
            if (!validName(value.getKey())) {
                return "sensor names must be 1.." + MAX_NAME_LENGTH + " characters";
            }
            if (value.getValue() == null || !Double.isFinite(value.getValue())) {
                return "value of sensor '" + value.getKey() + "' is not a finite number";
            }
        }
        return null;
    }

    private static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }

    private static boolean validTime(long epochMillis) {
        return epochMillis >= 0 && epochMillis <= MAX_EPOCH_MILLIS;
    }
}
