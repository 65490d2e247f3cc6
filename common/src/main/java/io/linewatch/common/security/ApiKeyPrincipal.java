package io.linewatch.common.security;

import java.util.Set;

/** The authenticated caller: the key's id and name (never its secret) and its roles. */
public record ApiKeyPrincipal(String keyId, String name, Set<ApiKeyRole> roles) {

    @Override
    public String toString() {
        return name + " (" + keyId + ")";
    }
}
