package io.linewatch.registry.catalog;

import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} part of a version registration. Only {@code contract.inputShape} and
 * {@code contract.outputShape} are required; {@code sha256}, when sent, must match the artifact.
 */
record VersionMetadata(
        String description,
        String sha256,
        String format,
        Map<String, Object> contract,
        Map<String, Object> normalizer,
        Map<String, Object> thresholds,
        Map<String, Object> metrics,
        Map<String, Object> hyperparameters,
        Map<String, Object> trainingData,
        Map<String, String> tags) {

    static final String DL4J_ZIP = "dl4j-zip";
    static final String KERAS_H5 = "keras-h5";

    long[] inputShape() {
        return shape("inputShape");
    }

    long[] outputShape() {
        return shape("outputShape");
    }

    private long[] shape(String key) {
        String field = "contract." + key;
        if (contract == null || !(contract.get(key) instanceof List<?> sizes) || sizes.isEmpty()) {
            throw RegistryProblems.invalid(field, "is required: a list of positive sizes without the batch dimension");
        }
        long[] shape = new long[sizes.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(sizes.get(i) instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
                throw RegistryProblems.invalid(field + "[" + i + "]", "must be a positive integer");
            }
            shape[i] = n.longValue();
        }
        if (contract.get("classLabels") instanceof List<?> labels
                && key.equals("outputShape")
                && shape[shape.length - 1] != labels.size()) {
            throw RegistryProblems.invalid(
                    "contract.classLabels",
                    "has " + labels.size() + " labels but the output has " + shape[shape.length - 1]);
        }
        return shape;
    }
}
