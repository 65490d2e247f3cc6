package io.linewatch.common.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** What the client needs from the registry; the HTTP implementation is the real one. */
interface RegistrySource {

    /** The version the alias points at now, or empty when the model or alias does not exist. */
    Optional<ModelVersionInfo> resolve(String modelName, String alias);

    /** One version, or empty when the model or the version does not exist. */
    Optional<ModelVersionInfo> version(String modelName, int version);

    /** Streams the artifact of a version into {@code sink}. */
    void download(String modelName, int version, OutputStream sink) throws IOException;
}
