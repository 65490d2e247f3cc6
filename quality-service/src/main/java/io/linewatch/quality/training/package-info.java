/**
 * Training the inspection CNN from a labelled image folder (one subfolder per class): stratified
 * seeded splits that keep byte-identical files together, a streaming augmented batch iterator,
 * class-weighted loss, early stopping on a validation split and progress reporting.
 */
package io.linewatch.quality.training;
