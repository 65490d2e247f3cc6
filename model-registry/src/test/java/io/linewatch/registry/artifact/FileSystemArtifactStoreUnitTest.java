package io.linewatch.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreUnitTest {

    @TempDir
    Path root;

    @Test
    void aStagedUploadIsInvisibleUntilCommittedAndThenStoredUnderItsSha256() throws Exception {
        var store = new FileSystemArtifactStore(root);
        byte[] content = "network bytes".getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        StagedArtifact staged = store.stage(new ByteArrayInputStream(content), 1024);

        assertThat(staged.sha256()).isEqualTo(sha);
        assertThat(staged.sizeBytes()).isEqualTo(content.length);
        assertThat(store.list()).isEmpty();
        assertThat(store.open(sha)).isEmpty();

        store.commit(staged);

        assertThat(store.list()).containsExactly(sha);
        assertThat(staged.path()).doesNotExist();
        try (var in = store.open(sha).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(root.resolve("objects").resolve(sha.substring(0, 2)).resolve(sha))
                .exists();
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNoStagingFile() throws Exception {
        var store = new FileSystemArtifactStore(root);

        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[2048]), 1024))
                .isInstanceOf(ArtifactStore.TooLargeException.class);

        try (var staging = Files.list(root.resolve("staging"))) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void committingIdenticalContentTwiceKeepsOneArtifact() throws Exception {
        var store = new FileSystemArtifactStore(root);
        byte[] content = "same".getBytes(StandardCharsets.UTF_8);

        store.commit(store.stage(new ByteArrayInputStream(content), 1024));
        store.commit(store.stage(new ByteArrayInputStream(content), 1024));

        assertThat(store.list()).hasSize(1);
    }

    @Test
    void namesThatAreNotASha256AreRejectedSoNoPathCanEscapeTheRoot() throws Exception {
        var store = new FileSystemArtifactStore(root);

        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
