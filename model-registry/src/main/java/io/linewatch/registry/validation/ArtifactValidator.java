package io.linewatch.registry.validation;

import io.linewatch.registry.RegistrySettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link ValidatorMain} in a child JVM with the registry's class path, a heap and native
 * memory cap and a timeout. Two run at most at once: each holds a network and ND4J's natives.
 */
@Component
public class ArtifactValidator {

    private static final Logger log = LoggerFactory.getLogger(ArtifactValidator.class);
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final RegistrySettings settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Semaphore slots = new Semaphore(2, true);

    ArtifactValidator(RegistrySettings settings) {
        this.settings = settings;
    }

    /** Restores a DL4J artifact and checks one forward pass against the declared shapes. */
    public void validate(Path artifact, long[] inputShape, long[] outputShape) throws ArtifactRejectedException {
        run("validate", artifact, null, inputShape, outputShape);
    }

    /** Converts a Keras HDF5 file into a DL4J artifact at {@code output} and validates it. */
    public void convertKeras(Path hdf5, Path output, long[] inputShape, long[] outputShape)
            throws ArtifactRejectedException {
        run("keras", hdf5, output, inputShape, outputShape);
    }

    private void run(String mode, Path input, Path output, long[] inputShape, long[] outputShape)
            throws ArtifactRejectedException {
        Path result = null;
        Path console = null;
        boolean acquired = false;
        try {
            acquired = slots.tryAcquire(settings.validationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!acquired) {
                throw new ArtifactRejectedException("the validator is busy; try again later", null);
            }
            result = Files.createTempFile("validation-", ".json");
            console = Files.createTempFile("validation-", ".log");
            List<String> command = command(
                    mode,
                    input.toString(),
                    output == null ? "-" : output.toString(),
                    csv(inputShape),
                    csv(outputShape),
                    result.toString());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            if (!process.waitFor(settings.validationTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new ArtifactRejectedException(
                        "validating the artifact did not finish within "
                                + settings.validationTimeout().toSeconds() + " s; it was stopped",
                        null);
            }
            if (process.exitValue() != 0 || Files.size(result) == 0) {
                log.warn(
                        "Validator JVM exited with {} for {}; its output:\n{}",
                        process.exitValue(),
                        input.getFileName(),
                        tail(console));
                throw new ArtifactRejectedException(
                        "the validator process died (exit code " + process.exitValue()
                                + ") while restoring or running the network, e.g. a native crash in DL4J;"
                                + " the artifact is not usable",
                        null);
            }
            ValidationResult outcome = json.readValue(result.toFile(), ValidationResult.class);
            if (!outcome.ok()) {
                throw new ArtifactRejectedException(outcome.reason(), outcome.unsupportedLayer());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the validator JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } finally {
            if (acquired) {
                slots.release();
            }
            deleteQuietly(result);
            deleteQuietly(console);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.validatorHeap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.bytedeco.javacpp.maxbytes=" + settings.validatorNativeMemory());
        command.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + settings.validatorNativeMemory());
        command.add("-Dlogback.configurationFile=logback-validator.xml");
        String classPath = System.getProperty("java.class.path");
        command.add("-cp");
        command.add(classPath);
        if (runsFromExecutableJar()) {
            // Inside a Boot jar the classes sit in BOOT-INF/: let Boot's launcher set up the path.
            command.add("-Dloader.main=" + ValidatorMain.class.getName());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(ValidatorMain.class.getName());
        }
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static boolean runsFromExecutableJar() {
        var source = ValidatorMain.class.getProtectionDomain().getCodeSource();
        String location = source == null ? "" : String.valueOf(source.getLocation());
        return location.startsWith("nested:") || location.contains("BOOT-INF") || location.startsWith("jar:");
    }

    private static String csv(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    private static String tail(Path console) {
        try {
            List<String> lines = Files.readAllLines(console);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            new File(file.toString()).delete();
        }
    }
}
