package io.linewatch.ingest.query;

/** A per-bucket aggregate of one sensor; the SQL function has the same name. */
enum Aggregate {
    AVG,
    MIN,
    MAX;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
