/**
 * Training jobs over REST: a labelled image folder under a configured root or the relabelled
 * inspections, trained asynchronously on a bounded executor with the product's trainer, measured
 * on a held-out split and registered in the model registry with contract, metrics and lineage.
 */
package io.linewatch.quality.trainingjob;
