package io.linewatch.quality.inspection;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/** Where failed and reviewed images are kept for relabelling and retraining. */
public interface ImageStore {

    /** Stores the bytes and returns the key to fetch them with. */
    String put(UUID inspectionId, byte[] image) throws IOException;

    Optional<byte[]> get(String key) throws IOException;

    void delete(String key) throws IOException;
}
