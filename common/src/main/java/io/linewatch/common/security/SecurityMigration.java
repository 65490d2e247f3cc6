package io.linewatch.common.security;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the shared {@code lw_security} schema with its own history table, so each service's
 * own Flyway run stays independent of it. Flyway's PostgreSQL lock makes concurrent starts of
 * several services safe.
 */
final class SecurityMigration {

    static final String SCHEMA = "lw_security";

    private SecurityMigration() {}

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("flyway_security_history")
                .locations("classpath:db/security")
                .load()
                .migrate();
    }
}
