package io.linewatch.monitor.assignment;

/**
 * Published (in-process) when a machine or type was assigned a model, so live scoring can start
 * loading it before the machine's next sample arrives.
 */
public record ModelAssigned(ModelRef model) {}
