/**
 * Running trained networks over sensor data: batched window scoring for the autoencoder, one step
 * per sample for the streaming forecaster, and the per-sensor contributions every score carries.
 */
package io.linewatch.monitor.scoring;
