package io.linewatch.quality.inspection;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Inspection configuration ({@code linewatch.quality.*}).
 *
 * @param modelPath a model bundle file serving every product type that has no registry model
 *     mapped ({@code linewatch.quality.models.products}); absent means "no production model" for
 *     those and their inspections are refused with 503
 * @param productTypes product types inspected with the local bundle; product types mapped to a
 *     registry model are known too, others are refused
 * @param reviewLow overrides the bundle's lower review bound on p_defect when set
 * @param reviewHigh overrides the bundle's upper review bound on p_defect when set
 * @param heatmapPatch occlusion patch size in model-input pixels
 * @param foldBatchNorm infer on the network with batch normalisation folded into the
 *     convolutions ({@code InferenceNetwork}; same probabilities, faster); false runs the trained
 *     network as it is, for comparison
 */
@Validated
@ConfigurationProperties("linewatch.quality")
public record InspectionSettings(
        Path modelPath,
        @NotNull @DefaultValue List<String> productTypes,
        @NotNull @DefaultValue("./data/quality-images") Path imageStore,
        @NotNull @DefaultValue("20MB") DataSize maxImageSize,
        @DefaultValue("40000000") @Min(1) long maxPixels,
        @DefaultValue("32") @Min(1) int maxBatch,
        @DecimalMin("0") @DecimalMax("1") Double reviewLow,
        @DecimalMin("0") @DecimalMax("1") Double reviewHigh,
        @DefaultValue("16") @Min(2) int heatmapPatch,
        @DefaultValue("8") @Min(1) int heatmapStride,
        @DefaultValue("true") boolean foldBatchNorm) {}
