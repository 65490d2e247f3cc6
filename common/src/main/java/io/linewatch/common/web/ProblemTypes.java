package io.linewatch.common.web;

import java.net.URI;

/**
 * Stable {@code type} URIs of LineWatch problem details; clients switch on these, never on the
 * human {@code detail}. Each is described in {@code docs/problems.md}.
 */
public final class ProblemTypes {

    private static final String PREFIX = "urn:linewatch:problem:";

    public static final URI VALIDATION = of("validation");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI CONFLICT = of("conflict");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI UNAVAILABLE = of("unavailable");
    public static final URI OVERLOADED = of("overloaded");
    public static final URI INTERNAL = of("internal");

    private ProblemTypes() {}

    public static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }
}
