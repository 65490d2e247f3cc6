package io.linewatch.quality.serving;

import io.linewatch.quality.model.DefectClassifier;

/**
 * The model a product type is inspected with right now. The classifier is used under its own
 * lock (DL4J's {@code output()} is synchronized anyway).
 *
 * @param version the registry version, 0 for a local bundle file
 */
public record ServedModel(DefectClassifier classifier, String name, int version) {}
