package io.linewatch.common.security;

/**
 * What a key may do. {@code ADMIN} implies every other role; {@code OPERATE} and
 * {@code MODEL_ADMIN} imply {@code READ}. {@code INGEST} is deliberately narrow: gateways can
 * write telemetry and nothing else.
 */
public enum ApiKeyRole {
    INGEST,
    READ,
    OPERATE,
    MODEL_ADMIN,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
