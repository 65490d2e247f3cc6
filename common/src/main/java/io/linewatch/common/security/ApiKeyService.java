package io.linewatch.common.security;

import io.linewatch.common.security.ApiKeyRepository.StoredKey;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates raw keys and manages the key table. Lookups are cached for
 * {@link SecuritySettings#cacheTtl()} so a busy ingest endpoint does not ask PostgreSQL on
 * every request; a revocation on this instance takes effect at once.
 */
public class ApiKeyService {

    static final String BOOTSTRAP_ID = "bootstrap";

    private final ApiKeyRepository repository;
    private final SecuritySettings settings;
    private final Clock clock;
    private final byte[] bootstrapHash;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<StoredKey> key, Instant expires) {}

    /** A key as shown to its creator, the only time its secret is visible. */
    public record CreatedKey(String id, String name, Set<ApiKeyRole> roles, String key) {}

    /** A key as listed: never its secret or hash. */
    public record KeyView(
            String id, String name, Set<ApiKeyRole> roles, Instant createdAt, String createdBy, Instant revokedAt) {}

    ApiKeyService(ApiKeyRepository repository, SecuritySettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
        this.bootstrapHash =
                settings.bootstrapAdminKey() == null ? null : ApiKeyHasher.hash(settings.bootstrapAdminKey());
    }

    public Optional<ApiKeyPrincipal> authenticate(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (bootstrapHash != null && ApiKeyHasher.matches(raw, bootstrapHash)) {
            return Optional.of(new ApiKeyPrincipal(BOOTSTRAP_ID, "bootstrap-admin", EnumSet.of(ApiKeyRole.ADMIN)));
        }
        return ApiKeyHasher.parse(raw)
                .flatMap(parsed -> lookup(parsed.id())
                        .filter(StoredKey::active)
                        .filter(stored -> ApiKeyHasher.matches(parsed.raw(), stored.keyHash()))
                        .map(stored -> new ApiKeyPrincipal(stored.id(), stored.name(), stored.roles())));
    }

    public CreatedKey create(String name, Set<ApiKeyRole> roles, String createdBy) {
        String id = ApiKeyHasher.newId();
        String key = ApiKeyHasher.newKey(id);
        repository.insert(id, name, ApiKeyHasher.hash(key), roles, createdBy);
        return new CreatedKey(id, name, roles, key);
    }

    public List<KeyView> list() {
        return repository.findAll().stream()
                .map(k -> new KeyView(k.id(), k.name(), k.roles(), k.createdAt(), k.createdBy(), k.revokedAt()))
                .toList();
    }

    public boolean revoke(String id) {
        boolean revoked = repository.revoke(id);
        cache.remove(id);
        return revoked;
    }

    private Optional<StoredKey> lookup(String id) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached == null || cached.expires().isBefore(now)) {
            cached = new Cached(repository.find(id), now.plus(settings.cacheTtl()));
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(id, cached);
        }
        return cached.key();
    }
}
