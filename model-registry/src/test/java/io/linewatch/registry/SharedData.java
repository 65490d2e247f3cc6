package io.linewatch.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared/data} (relative to the repository root) from a module's directory. */
public final class SharedData {

    private SharedData() {}

    public static Optional<Path> find() {
        String override = System.getProperty("linewatch.shared-data");
        if (override != null) {
            return Optional.of(Path.of(override)).filter(Files::isDirectory);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate.resolve("keras")) && Files.exists(dir.resolve("mvnw"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
