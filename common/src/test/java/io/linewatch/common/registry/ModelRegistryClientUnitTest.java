package io.linewatch.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryClientUnitTest {

    @TempDir
    Path cacheDir;

    InMemoryRegistry registry = new InMemoryRegistry();
    ModelRegistryClient client;

    ModelLoader<String> loader = new TextModelLoader();

    ModelRegistryClient client() {
        ModelClientSettings settings = new ModelClientSettings(
                URI.create("http://registry.invalid"),
                null,
                cacheDir,
                Duration.ofHours(1),
                false,
                null,
                "test",
                Duration.ofSeconds(5),
                3);
        client = new ModelRegistryClient(registry, settings, Clock.systemUTC());
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void loadsAFixedVersionWhateverTheAliasSays() throws IOException {
        registry.put(1, "net-one");
        registry.put(2, "net-two");
        registry.aliases.put("production", 2);

        assertThat(client().load("pump", 1, loader, Duration.ofSeconds(10))).hasValue("net-one");
        assertThat(client.load("pump", 2, loader, Duration.ofSeconds(10))).hasValue("net-two");
        assertThat(client.load("pump", 7, loader, Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aTamperedArtifactOrAFailedSmokeTestIsAnErrorNotAModel() {
        registry.put(1, "net-one");
        registry.served.put(1, "net-evil".getBytes(StandardCharsets.UTF_8));
        registry.put(2, "nan-everywhere");

        assertThatThrownBy(() -> client().load("pump", 1, loader, Duration.ofSeconds(10)))
                .isInstanceOf(ArtifactCache.ArtifactIntegrityException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> client.load("pump", 2, loader, Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("pump v2")
                .hasMessageContaining("NaN");
    }
}
