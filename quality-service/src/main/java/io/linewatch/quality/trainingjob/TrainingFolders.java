package io.linewatch.quality.trainingjob;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Resolves a requested training folder strictly under the configured roots: no {@code ..}
 * segments, and the real path (symbolic links followed) must still lie under a root's real path.
 */
final class TrainingFolders {

    static final java.net.URI PATH_NOT_ALLOWED = ProblemTypes.of("path-not-allowed");

    private final List<Path> roots;

    TrainingFolders(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    Path resolve(String folder) {
        if (roots.isEmpty()) {
            throw refused("Folder sources are disabled: no linewatch.quality.training-jobs.roots configured.");
        }
        if (folder == null || folder.isBlank()) {
            throw TrainingJobService.invalid("folder", "folder is required for source FOLDER");
        }
        Path requested;
        try {
            requested = Path.of(folder);
        } catch (InvalidPathException e) {
            throw refused("'" + folder + "' is not a valid path.");
        }
        for (Path part : requested) {
            if (part.toString().equals("..")) {
                throw refused("'" + folder + "' contains '..'; give a folder under " + roots + ".");
            }
        }
        for (Path root : roots) {
            Path candidate = (requested.isAbsolute() ? requested : root.resolve(requested)).normalize();
            if (!candidate.startsWith(root)) {
                continue;
            }
            if (!Files.isDirectory(candidate)) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.VALIDATION,
                        "'" + folder + "' is not a folder under " + root + ".",
                        Map.of("field", "folder"));
            }
            try {
                Path real = candidate.toRealPath();
                if (real.startsWith(root.toRealPath())) {
                    return real;
                }
            } catch (IOException e) {
                throw refused("'" + folder + "' cannot be read: " + e.getMessage());
            }
            throw refused("'" + folder + "' leads outside " + root + " through a symbolic link.");
        }
        throw refused("'" + folder + "' is not under an allowed root " + roots + ".");
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, PATH_NOT_ALLOWED, detail, Map.of("field", "folder"));
    }
}
