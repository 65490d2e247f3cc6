package io.linewatch.common.registry;

import java.nio.file.Path;
import java.time.Instant;

/** A model that has been loaded and passed its smoke test, with what describes it. */
public record LoadedModel<M>(M model, ModelVersionInfo info, Path artifact, Instant loadedAt) {}
