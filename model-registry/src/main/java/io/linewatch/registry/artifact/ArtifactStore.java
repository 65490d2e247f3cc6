package io.linewatch.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Artifact bytes, addressed by their sha256. Staging is always a local file (the validator reads
 * it); {@link #commit} makes a staged file durable and visible under its sha256, atomically.
 */
public interface ArtifactStore {

    /** Copies the stream into a new staging file while hashing it; refuses more than maxBytes. */
    StagedArtifact stage(InputStream content, long maxBytes) throws IOException;

    /** An empty staging file for a tool to write into (a Keras conversion's output). */
    Path newStagingFile() throws IOException;

    /** Hashes a staging file a tool has written. */
    StagedArtifact describe(Path stagingFile) throws IOException;

    /** fsyncs the staged file and renames it to its sha256 (replacing identical content). */
    void commit(StagedArtifact staged) throws IOException;

    void discard(Path stagingFile);

    Optional<InputStream> open(String sha256) throws IOException;

    Set<String> list() throws IOException;

    Optional<Instant> lastModified(String sha256) throws IOException;

    void delete(String sha256) throws IOException;

    /** Deletes staging files older than the given instant (left by a crash mid-upload). */
    int deleteStagingOlderThan(Instant cutoff) throws IOException;

    /** Thrown by {@link #stage} when the content exceeds the limit. */
    class TooLargeException extends IOException {
        private final long limit;

        public TooLargeException(long limit) {
            super("artifact exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
