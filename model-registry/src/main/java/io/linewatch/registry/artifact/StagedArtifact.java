package io.linewatch.registry.artifact;

import java.nio.file.Path;

/** A file in the staging area with its sha256 and size; not yet visible as an artifact. */
public record StagedArtifact(Path path, String sha256, long sizeBytes) {}
