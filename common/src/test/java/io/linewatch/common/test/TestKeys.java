package io.linewatch.common.test;

/**
 * The bootstrap admin key that integration tests configure
 * ({@code linewatch.security.bootstrap-admin-key}); test-only, never used outside tests.
 */
public final class TestKeys {

    public static final String BOOTSTRAP_ADMIN = "test-bootstrap-admin-key-0123456789";

    private TestKeys() {}
}
