package io.linewatch.common.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of {@code lw_security.api_keys}; the schema is owned by the Flyway scripts in db/security. */
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredKey(
            String id,
            String name,
            byte[] keyHash,
            Set<ApiKeyRole> roles,
            Instant createdAt,
            String createdBy,
            Instant revokedAt) {

        boolean active() {
            return revokedAt == null;
        }
    }

    void insert(String id, String name, byte[] hash, Set<ApiKeyRole> roles, String createdBy) {
        jdbc.sql("""
                        INSERT INTO lw_security.api_keys (id, name, key_hash, roles, created_by)
                        VALUES (:id, :name, :hash, string_to_array(:roles, ','), :createdBy)
                        """)
                .param("id", id)
                .param("name", name)
                .param("hash", hash)
                .param("roles", roles.stream().map(Enum::name).collect(Collectors.joining(",")))
                .param("createdBy", createdBy)
                .update();
    }

    Optional<StoredKey> find(String id) {
        return jdbc.sql("SELECT * FROM lw_security.api_keys WHERE id = :id")
                .param("id", id)
                .query(ApiKeyRepository::map)
                .optional();
    }

    List<StoredKey> findAll() {
        return jdbc.sql("SELECT * FROM lw_security.api_keys ORDER BY created_at")
                .query(ApiKeyRepository::map)
                .list();
    }

    boolean revoke(String id) {
        return jdbc.sql("UPDATE lw_security.api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                        .param("id", id)
                        .update()
                > 0;
    }

    private static StoredKey map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<ApiKeyRole> parsed = EnumSet.noneOf(ApiKeyRole.class);
        Arrays.stream((String[]) roles.getArray()).map(ApiKeyRole::valueOf).forEach(parsed::add);
        return new StoredKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getBytes("key_hash"),
                parsed,
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null
                ? null
                : value.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
