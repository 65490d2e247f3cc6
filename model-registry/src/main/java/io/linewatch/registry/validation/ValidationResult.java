package io.linewatch.registry.validation;

import java.util.List;

/**
 * What the validator JVM reports.
 *
 * @param ok whether the network restored and its forward pass matched the contract
 * @param reason why not, for the problem detail
 * @param unsupportedLayer the Keras layer class that DL4J cannot import, when that was the reason
 * @param networkType {@code MultiLayerNetwork} or {@code ComputationGraph}
 * @param outputShape the shape the forward pass produced (batch dimension included)
 */
record ValidationResult(
        boolean ok,
        String reason,
        String unsupportedLayer,
        String networkType,
        long numParams,
        List<Long> outputShape) {

    static ValidationResult rejected(String reason) {
        return new ValidationResult(false, reason, null, null, 0, null);
    }
}
