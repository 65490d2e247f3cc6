package io.linewatch.quality.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class FileSystemImageStoreUnitTest {

    @TempDir
    Path root;

    FileSystemImageStore store() {
        return new FileSystemImageStore(new InspectionSettings(
                null, List.of(), root, DataSize.ofMegabytes(20), 40_000_000L, 32, null, null, 16, 8, true));
    }

    @Test
    void keepsEachImageUnderItsIdWithNoTemporaryFileLeft() throws IOException {
        FileSystemImageStore store = store();
        UUID first = UUID.fromString("ab12cdef-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("ab12ffff-0000-4000-8000-000000000002");
        byte[] one = {1, 2, 3};
        byte[] two = new byte[70_000];
        two[69_999] = 7;

        String firstKey = store.put(first, one);
        String secondKey = store.put(second, two);

        assertThat(firstKey).isEqualTo("ab/12/" + first + ".img");
        assertThat(store.get(firstKey)).hasValueSatisfying(b -> assertThat(b).containsExactly(one));
        assertThat(store.get(secondKey)).hasValueSatisfying(b -> assertThat(b).isEqualTo(two));
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(first + ".img", second + ".img");
        }

        store.delete(firstKey);
        assertThat(store.get(firstKey)).isEmpty();
        assertThat(store.get(secondKey)).isPresent();
    }

    @Test
    void aKeyOutsideTheStoreIsRefused() {
        assertThatThrownBy(() -> store().get("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the store");
    }
}
