package io.linewatch.registry.validation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.registry.RegistrySettings;
import io.linewatch.registry.TestNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The validator JVM's failure modes that are not about the artifact's content. */
class ArtifactValidatorUnitTest {

    @TempDir
    Path dir;

    @Test
    void aValidatorJvmThatDiesIsReportedAsARefusalNotAnError() throws Exception {
        // A heap too small to start the JVM: a real process death, like a native crash.
        var validator = new ArtifactValidator(settings("1m", Duration.ofSeconds(60)));
        Path network = Files.write(dir.resolve("net.zip"), TestNetworks.dense(1));

        assertThatThrownBy(() -> validator.validate(network, new long[] {4}, new long[] {3}))
                .isInstanceOf(ArtifactRejectedException.class)
                .hasMessageContaining("the validator process died (exit code 1)");
    }

    @Test
    void aValidationThatRunsPastTheTimeoutIsKilledAndRefused() throws Exception {
        var validator = new ArtifactValidator(settings("1g", Duration.ofMillis(200)));
        Path network = Files.write(dir.resolve("net.zip"), TestNetworks.dense(1));

        assertThatThrownBy(() -> validator.validate(network, new long[] {4}, new long[] {3}))
                .isInstanceOf(ArtifactRejectedException.class)
                .hasMessageContaining("did not finish within");
    }

    private RegistrySettings settings(String heap, Duration timeout) {
        return new RegistrySettings(
                dir, DataSize.ofMegabytes(10), timeout, heap, "2g", Duration.ofMinutes(10), Duration.ofHours(1), 3);
    }
}
