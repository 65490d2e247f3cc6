package io.linewatch.monitor.assignment;

/** A registry model and the alias whose version scores the machines assigned to it. */
public record ModelRef(String modelName, String alias) {}
