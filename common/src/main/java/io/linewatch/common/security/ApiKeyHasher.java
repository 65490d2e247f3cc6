package io.linewatch.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Key format {@code lw_<id>_<secret>}: a 12-character id to find the row and a 256-bit random
 * secret. Keys are random, so a fast hash (SHA-256) is as safe as a slow one and keeps
 * authentication off the hot path's CPU budget.
 */
final class ApiKeyHasher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ApiKeyHasher() {}

    record ParsedKey(String id, String raw) {}

    static String newId() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes).replace('_', 'x').replace('-', 'y');
    }

    static String newKey(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "lw_" + id + "_" + B64.encodeToString(secret);
    }

    static Optional<ParsedKey> parse(String raw) {
        if (raw == null || !raw.startsWith("lw_") || raw.length() < 20 || raw.length() > 200) {
            return Optional.empty();
        }
        int sep = raw.indexOf('_', 3);
        if (sep != 15) {
            return Optional.empty();
        }
        return Optional.of(new ParsedKey(raw.substring(3, sep), raw));
    }

    static byte[] hash(String raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static boolean matches(String raw, byte[] expectedHash) {
        return MessageDigest.isEqual(hash(raw), expectedHash);
    }
}
