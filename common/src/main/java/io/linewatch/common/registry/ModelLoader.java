package io.linewatch.common.registry;

import java.nio.file.Path;

/**
 * Turns a verified artifact into something a service can run. Services that use DL4J implement
 * it (for example with {@code ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false)}),
 * which keeps {@code common} free of DL4J.
 *
 * @param <M> what the service serves, e.g. a network bundled with its normalizer
 */
public interface ModelLoader<M> {

    /** Loads the artifact; the file's sha256 has already been checked against the registry's. */
    M load(Path artifact, ModelVersionInfo info) throws Exception;

    /**
     * One inference on a known input that must succeed (and produce the declared output shape)
     * before this model replaces the one serving; throw to reject it.
     */
    void smokeTest(M model, ModelVersionInfo info) throws Exception;
}
