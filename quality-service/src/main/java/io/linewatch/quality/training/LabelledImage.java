package io.linewatch.quality.training;

import java.nio.file.Path;

/** One image file and the index of its class in the data set's label list. */
public record LabelledImage(Path path, int label) {}
