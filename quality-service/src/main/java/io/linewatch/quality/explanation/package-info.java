/**
 * Explanations of a prediction: occlusion sensitivity (how much the defect probability drops when
 * each region of the image is hidden) rendered as a heat overlay on the original image.
 */
package io.linewatch.quality.explanation;
