package io.linewatch.quality.inspection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps images as files named by inspection id under a root folder, two levels of id-prefix
 * folders deep so no directory grows huge. Written to a temporary name and moved, so a reader
 * never sees half a file.
 */
@Component
class FileSystemImageStore implements ImageStore {

    private final Path root;

    FileSystemImageStore(InspectionSettings settings) {
        this.root = settings.imageStore();
    }

    @Override
    public String put(UUID inspectionId, byte[] image) throws IOException {
        String id = inspectionId.toString();
        String key = id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id + ".img";
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(id + ".tmp");
        Files.write(tmp, image);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root.normalize())) {
            throw new IllegalArgumentException("image key outside the store: " + key);
        }
        return file;
    }
}
