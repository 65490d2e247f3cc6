package io.linewatch.common.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveModelUnitTest {

    @TempDir
    Path cacheDir;

    InMemoryRegistry registry = new InMemoryRegistry();
    ArtifactCache cache;
    ModelLoader<String> loader = new TextModelLoader();

    @BeforeEach
    void setUp() {
        cache = new ArtifactCache(cacheDir, 3);
    }

    LiveModel<String> live() {
        return new LiveModel<>("pump", "production", loader, registry, cache, Clock.systemUTC());
    }

    @Test
    void loadsWhatTheAliasPointsAtAndSwapsWhenItMoves() {
        registry.put(1, "net-one");
        registry.put(2, "net-two");
        registry.aliases.put("production", 1);
        LiveModel<String> live = live();

        live.refresh();
        assertThat(live.current()).hasValueSatisfying(m -> assertThat(m.model()).isEqualTo("net-one"));

        registry.aliases.put("production", 2);
        live.refresh();
        assertThat(live.current().orElseThrow().model()).isEqualTo("net-two");
        assertThat(live.current().orElseThrow().info().version()).isEqualTo(2);
        assertThat(live.lastFailure()).isEmpty();
    }

    @Test
    void aVersionThatFailsToLoadOrFailsItsSmokeTestNeverReplacesTheServingOne() {
        registry.put(1, "net-one");
        registry.put(2, "broken-bytes");
        registry.put(3, "nan-producer");
        registry.aliases.put("production", 1);
        LiveModel<String> live = live();
        live.refresh();

        registry.aliases.put("production", 2);
        live.refresh();
        assertThat(live.current().orElseThrow().model()).isEqualTo("net-one");
        assertThat(live.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("not a network"));

        registry.aliases.put("production", 3);
        live.refresh();
        assertThat(live.current().orElseThrow().model()).isEqualTo("net-one");
        assertThat(live.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("NaN"));
    }

    @Test
    void anArtifactWhoseBytesDoNotMatchTheRegisteredSha256IsNeverLoaded() {
        registry.put(1, "net-one");
        registry.put(2, "net-two");
        registry.served.put(2, "tampered".getBytes(StandardCharsets.UTF_8));
        registry.aliases.put("production", 1);
        LiveModel<String> live = live();
        live.refresh();

        registry.aliases.put("production", 2);
        live.refresh();

        assertThat(live.current().orElseThrow().model()).isEqualTo("net-one");
        assertThat(live.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("does not match"));
        assertThat(cacheDir.resolve("pump")).isDirectoryNotContaining("glob:**/2-*.bin");
    }

    @Test
    void aMissingAliasKeepsServingAndAVerifiedCachedArtifactIsNotDownloadedAgain() throws Exception {
        registry.put(1, "net-one");
        registry.aliases.put("production", 1);
        live().refresh();
        assertThat(registry.downloads).isEqualTo(1);

        LiveModel<String> restarted = live();
        restarted.refresh();
        assertThat(registry.downloads).isEqualTo(1);
        assertThat(restarted.current().orElseThrow().model()).isEqualTo("net-one");

        registry.aliases.remove("production");
        restarted.refresh();
        assertThat(restarted.current().orElseThrow().model()).isEqualTo("net-one");
        assertThat(restarted.lastFailure())
                .hasValueSatisfying(f -> assertThat(f).contains("does not exist"));
    }

    @Test
    void aCorruptedCacheFileIsReplacedByAVerifiedDownload() throws Exception {
        registry.put(1, "net-one");
        ModelVersionInfo info = registry.info(1);
        Path first = cache.fetch(info, registry);
        Files.writeString(first, "bit rot");

        Path again = cache.fetch(info, registry);

        assertThat(Files.readString(again)).isEqualTo("net-one");
        assertThat(registry.downloads).isEqualTo(2);
    }
}
