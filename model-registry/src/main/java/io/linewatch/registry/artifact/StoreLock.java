package io.linewatch.registry.artifact;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL advisory lock between uploads and the sweeper, held to the end of the current
 * transaction. Uploads rename their artifact into the store and insert its metadata under the
 * shared lock; the sweeper decides what is orphaned under the exclusive one, so it can never
 * delete a file whose metadata is about to commit, on this or any other registry instance.
 */
public final class StoreLock {

    private static final long KEY = 0x4C57_5245_4749_5354L;

    private StoreLock() {}

    public static void holdShared(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
                .param("key", KEY)
                .query()
                .singleRow();
    }

    static void holdExclusive(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", KEY).query().singleRow();
    }
}
