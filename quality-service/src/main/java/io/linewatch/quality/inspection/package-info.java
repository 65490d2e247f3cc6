/**
 * The inspection API: images in, verdicts out. An upload is decoded under size and pixel limits,
 * classified by the configured model bundle, stored in {@code quality.inspection} (FAIL and REVIEW
 * images also in the {@link io.linewatch.quality.inspection.ImageStore}), announced as
 * {@code InspectionCompleted}, and can be explained (occlusion heatmap) and relabelled later.
 */
package io.linewatch.quality.inspection;
