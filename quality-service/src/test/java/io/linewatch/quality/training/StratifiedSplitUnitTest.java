package io.linewatch.quality.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratifiedSplitUnitTest {

    @Test
    void keepsClassProportionsIsReproducibleAndKeepsIdenticalFilesOnOneSide(@TempDir Path dir) throws Exception {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            images.add(file(dir, "a" + i, "a-" + i, 0));
        }
        for (int i = 0; i < 10; i++) {
            images.add(file(dir, "b" + i, "b-" + i, 1));
        }
        images.add(file(dir, "b-copy", "b-3", 1));

        var split = StratifiedSplit.split(images, 2, 0.5, 9);
        var again = StratifiedSplit.split(images, 2, 0.5, 9);

        assertThat(split.first()).isEqualTo(again.first());
        assertThat(split.duplicateGroups()).isEqualTo(1);
        assertThat(split.first().stream().filter(i -> i.label() == 0)).hasSize(20);
        assertThat(split.first().stream().filter(i -> i.label() == 1).count()
                        + split.second().stream().filter(i -> i.label() == 1).count())
                .isEqualTo(11);
        boolean originalFirst = split.first().stream().anyMatch(i -> i.path().endsWith("b3"));
        boolean copyFirst = split.first().stream().anyMatch(i -> i.path().endsWith("b-copy"));
        assertThat(copyFirst).isEqualTo(originalFirst);
    }

    @Test
    void leavesAtLeastOneImageOfATinyClassOnEachSide(@TempDir Path dir) throws Exception {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            images.add(file(dir, "a" + i, "a-" + i, 0));
        }
        images.add(file(dir, "r0", "r-0", 1));
        images.add(file(dir, "r1", "r-1", 1));

        var split = StratifiedSplit.split(images, 2, 0.9, 1);

        assertThat(split.first().stream().filter(i -> i.label() == 1)).hasSize(1);
        assertThat(split.second().stream().filter(i -> i.label() == 1)).hasSize(1);
    }

    private static LabelledImage file(Path dir, String name, String content, int label) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return new LabelledImage(file, label);
    }
}
