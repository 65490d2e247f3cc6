package io.linewatch.common.event;

/** One sensor's share of an anomaly score; the shares of one score add up to 1. */
public record SensorContribution(String sensor, double share) {}
