/**
 * The inspection API: images in, verdicts out. An upload is decoded under size and pixel limits,
 * classified by the model serving its product type ({@link io.linewatch.quality.serving}), stored
 * in {@code quality.inspection} (FAIL and REVIEW images also in the
 * {@link io.linewatch.quality.inspection.ImageStore}, until retention deletes them), announced as
 * {@code InspectionCompleted} through the outbox, and can be explained (occlusion heatmap) and
 * relabelled later.
 */
package io.linewatch.quality.inspection;
