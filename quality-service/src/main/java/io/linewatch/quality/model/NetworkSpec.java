package io.linewatch.quality.model;

import io.linewatch.quality.image.InputShape;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The architecture and optimiser settings of the inspection CNN.
 *
 * @param filters output channels of each convolution block; each block halves the resolution
 * @param stemKernel kernel size of the very first convolution
 * @param stemStride stride of the very first convolution; 2 lets the network see a large input
 *     at full resolution for the cost of a half-size one
 * @param convsPerBlock 3x3 convolutions (each with batch normalisation and ReLU) per block
 * @param dropoutRetain probability of keeping a pooled feature before the output layer
 * @param classWeights loss weight per class (same order as the labels), for imbalanced data
 * @param globalPooling how the last block's feature maps become one vector: {@code AVG} (the mean:
 *     for defects that cover the part, such as textures) or {@code MAX} (the strongest response
 *     anywhere: a small defect on a large good part is not averaged away)
 */
public record NetworkSpec(
        InputShape input,
        int classes,
        List<Integer> filters,
        int stemKernel,
        int stemStride,
        int convsPerBlock,
        double dropoutRetain,
        double learningRate,
        double l2,
        long seed,
        double[] classWeights,
        PoolingType globalPooling) {

    public NetworkSpec {
        if (globalPooling != PoolingType.AVG && globalPooling != PoolingType.MAX) {
            throw new IllegalArgumentException("global pooling must be AVG or MAX, got " + globalPooling);
        }
        filters = List.copyOf(filters);
        if (classes < 2 || classWeights.length != classes) {
            throw new IllegalArgumentException("need at least two classes and one weight per class");
        }
        if (filters.isEmpty() || convsPerBlock < 1 || stemKernel < 1 || stemStride < 1) {
            throw new IllegalArgumentException("need at least one convolution block");
        }
    }
}
