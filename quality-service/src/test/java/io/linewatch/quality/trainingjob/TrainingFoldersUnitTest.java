package io.linewatch.quality.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.common.web.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingFoldersUnitTest {

    @TempDir
    Path dir;

    @Test
    void aFolderUnderARootResolvesRelativeOrAbsolute() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path data = Files.createDirectories(root.resolve("tiles"));
        TrainingFolders folders = new TrainingFolders(List.of(root));

        assertThat(folders.resolve("tiles")).isEqualTo(data.toRealPath());
        assertThat(folders.resolve(data.toString())).isEqualTo(data.toRealPath());
    }

    @Test
    void traversalOutsideRootsAndSymbolicLinksOutAreRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("secret"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        TrainingFolders folders = new TrainingFolders(List.of(root));

        assertRefused(folders, "../secret", "path-not-allowed");
        assertRefused(folders, "tiles/../../secret", "path-not-allowed");
        assertRefused(folders, outside.toString(), "path-not-allowed");
        assertRefused(folders, "link", "path-not-allowed");
        assertRefused(folders, "missing", "validation");
        assertRefused(new TrainingFolders(List.of()), "tiles", "path-not-allowed");
    }

    private static void assertRefused(TrainingFolders folders, String folder, String type) {
        assertThatThrownBy(() -> folders.resolve(folder))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(
                                ((ProblemException) e).getBody().getType().toString())
                        .isEqualTo("urn:linewatch:problem:" + type));
    }
}
