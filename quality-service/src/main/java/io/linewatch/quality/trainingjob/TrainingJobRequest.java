package io.linewatch.quality.trainingjob;

import java.util.Map;

/**
 * What to train.
 *
 * @param modelName registry model to register the version under (created as {@code defect-cnn} if missing)
 * @param source {@code FOLDER} (a labelled image folder on the server, class per subfolder) or
 *     {@code RELABELLED} (inspections a person labelled whose images are still kept)
 * @param folder for {@code FOLDER}: a path under one of the configured roots (relative to the first
 *     root, or absolute)
 * @param productType for {@code RELABELLED}: only this product type's inspections (all when null)
 * @param goodClasses labels that mean a good part (default: the trainer's list of usual names)
 * @param seed split and training seed (default 42)
 * @param testFraction share of each class held out for the registered metrics (default from settings)
 * @param settings trainer settings by name ({@code TrainingSettings}), e.g. {@code maxEpochs}, {@code patience}
 */
public record TrainingJobRequest(
        String modelName,
        String source,
        String folder,
        String productType,
        String goodClasses,
        Long seed,
        Double testFraction,
        Map<String, String> settings,
        String description) {}
