package io.linewatch.monitor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.cli.MonitorCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code evaluate skab} command on two valve1 files of the shared data set. */
class SkabEvaluationOnValve1UnitTest {

    private static final Path VALVE1 = Path.of("..", "..", "shared", "data", "skab", "valve1");

    @Test
    void writesOneScoredRowPerInputRowAndFindsTheValveClosing(@TempDir Path temp) throws Exception {
        Path valve1 = VALVE1.toAbsolutePath().normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(valve1),
                "SKAB data absent at " + valve1
                        + " (../shared/data from the repo root); skipping the SKAB evaluation test");
        Path data = Files.createDirectories(temp.resolve("data/valve1"));
        for (String name : List.of("1.csv", "3.csv")) {
            Files.createSymbolicLink(data.resolve(name), valve1.resolve(name));
        }
        Path out = temp.resolve("out");
        var text = new ByteArrayOutputStream();

        int exit = new MonitorCli(new PrintStream(text, true, StandardCharsets.UTF_8), System.err).run(new String[] {
            "evaluate", "skab", "--data", temp.resolve("data").toString(), "--out", out.toString(), "--epochs", "10"
        });

        assertThat(exit).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("SKAB 2 files: F1 ")
                .contains("FAR ")
                .contains("MAR ");
        for (String name : List.of("1.csv", "3.csv")) {
            List<String> input = Files.readAllLines(valve1.resolve(name));
            List<String> output = Files.readAllLines(out.resolve("valve1").resolve(name));
            assertThat(output.get(0)).isEqualTo("datetime,anomaly,score");
            assertThat(output).hasSameSizeAs(input);
            assertThat(output.get(1)).startsWith(input.get(1).split(";")[0] + ",");
            long flagged = output.stream()
                    .skip(1)
                    .filter(l -> l.split(",")[1].equals("1"))
                    .count();
            assertThat(output.stream().skip(1).map(l -> l.split(",")[1])).allMatch(a -> a.equals("0") || a.equals("1"));
            // each file has a labelled block of about 400 anomalous rows after row 570
            assertThat(flagged).as("anomalous rows flagged in " + name).isGreaterThan(100);
            assertThat(output.subList(1, 1 + SkabEvaluation.TRAIN_ROWS)).allMatch(l -> l.split(",")[1].equals("0"));
        }
    }
}
