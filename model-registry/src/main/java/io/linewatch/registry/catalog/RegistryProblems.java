package io.linewatch.registry.catalog;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The registry's problem details; the types are listed in {@code docs/model-registry.md}. */
final class RegistryProblems {

    /** The artifact is not a usable network or does not match its declared contract. */
    static final URI INVALID_MODEL = ProblemTypes.of("invalid-model");
    /** The uploaded bytes do not have the sha256 the client declared. */
    static final URI CHECKSUM_MISMATCH = ProblemTypes.of("checksum-mismatch");
    /** A Keras file uses a layer DL4J's Keras import does not support. */
    static final URI UNSUPPORTED_KERAS_LAYER = ProblemTypes.of("unsupported-keras-layer");

    private RegistryProblems() {}

    static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " does not exist.");
    }

    static ProblemException invalid(String field, String reason) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "'" + field + "' " + reason + ".",
                Map.of("errors", java.util.List.of(Map.of("field", field, "reason", reason))));
    }

    static ProblemException conflict(String detail, Map<String, ?> properties) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail, properties);
    }
}
