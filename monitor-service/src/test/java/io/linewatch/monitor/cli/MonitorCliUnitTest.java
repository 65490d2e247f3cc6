package io.linewatch.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.training.SyntheticMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MonitorCliUnitTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final MonitorCli cli = new MonitorCli(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void recognisesOnlyItsOwnCommandsSoOtherArgumentsStartTheService() {
        assertThat(MonitorCli.isCommand(new String[] {"evaluate", "skab"})).isTrue();
        assertThat(MonitorCli.isCommand(new String[] {"train"})).isTrue();
        assertThat(MonitorCli.isCommand(new String[] {"--server.port=8082"})).isFalse();
        assertThat(MonitorCli.isCommand(new String[0])).isFalse();
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbersWithUsageAndExitCode2() {
        assertThat(cli.run(new String[] {"evaluate", "skab", "--data", "d", "--out", "o", "--windw", "5"}))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown option '--windw'")
                .contains("usage:");
        assertThat(cli.run(new String[] {"evaluate", "nab", "--data", "d", "--out", "o", "--window", "five"}))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--window must be an integer, got 'five'");
        assertThat(cli.run(new String[] {"evaluate", "skab", "--out", "o"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --data");
    }

    @Test
    void reportsAMissingDataDirectoryAsAFailure(@TempDir Path dir) {
        assertThat(cli.run(new String[] {
                    "evaluate", "skab", "--data", dir.resolve("none").toString(), "--out", dir.toString()
                }))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("failed: ");
    }

    @Test
    void trainWritesALoadableModelBundleFromACsvOfNormalOperation(@TempDir Path dir) throws Exception {
        Path csv = normalCsv(dir, 200);
        Path model = dir.resolve("model.zip");

        int exit = cli.run(new String[] {
            "train", "--csv", csv.toString(), "--out", model.toString(), "--epochs", "3", "--units", "8"
        });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        ModelBundle bundle = ModelBundle.load(model);
        assertThat(bundle.sensors()).containsExactly("inlet", "outlet");
        assertThat(bundle.threshold().value()).isPositive();
        assertThat(bundle.kind()).isEqualTo(ModelKind.LSTM_AUTOENCODER);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("trained on 200 rows x 2 sensors");
    }

    @Test
    void trainWritesALoadableStreamingForecasterThatScoresWithRnnTimeStep(@TempDir Path dir) throws Exception {
        Path csv = normalCsv(dir, 300);
        Path model = dir.resolve("forecaster.zip");

        int exit = cli.run(new String[] {
            "train",
            "--kind",
            "streaming-forecaster",
            "--csv",
            csv.toString(),
            "--out",
            model.toString(),
            "--epochs",
            "2",
            "--units",
            "8",
            "--layers",
            "2"
        });

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        ModelBundle bundle = ModelBundle.load(model);
        assertThat(bundle.kind()).isEqualTo(ModelKind.LSTM_STREAMING_FORECASTER);
        assertThat(bundle.sensors()).containsExactly("inlet", "outlet");
        assertThat(bundle.network().getnLayers()).isEqualTo(3);
        assertThat(bundle.threshold().value()).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("trained on 300 rows x 2 sensors")
                .contains("streaming forecaster");
        // the loaded network steps: one sample in, the next sample's prediction out
        INDArray next = bundle.network().rnnTimeStep(Nd4j.zeros(DataType.FLOAT, 1, 2));
        assertThat(next.length()).isEqualTo(2);
    }

    @Test
    void trainRejectsAnUnknownKindAndForecasterOptionsOnTheAutoencoder(@TempDir Path dir) {
        String csv = dir.resolve("none.csv").toString();
        String out = dir.resolve("m.zip").toString();

        assertThat(cli.run(new String[] {"train", "--kind", "forecast", "--csv", csv, "--out", out}))
                .isEqualTo(2);
        assertThat(cli.run(new String[] {"train", "--layers", "2", "--csv", csv, "--out", out}))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--kind must be autoencoder or streaming-forecaster")
                .contains("--layers and --preset are options of --kind streaming-forecaster");
    }

    @Test
    void trainNamesTheLineAndColumnOfABadCell(@TempDir Path dir) throws Exception {
        Path csv = Files.write(dir.resolve("bad.csv"), List.of("datetime;inlet", "t1;1.0", "t2;oops"));

        assertThat(cli.run(new String[] {
                    "train",
                    "--csv",
                    csv.toString(),
                    "--out",
                    dir.resolve("m.zip").toString()
                }))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3 column inlet: not a number");
    }

    /** {@code rows} generated normal samples of two sensors, as a data scientist's CSV export. */
    private static Path normalCsv(Path dir, int rows) throws java.io.IOException {
        double[][] values = SyntheticMachine.normal(rows, 2, 4);
        List<String> lines = new ArrayList<>(List.of("datetime;inlet;outlet"));
        for (int r = 0; r < values.length; r++) {
            lines.add("t" + r + ";" + values[r][0] + ";" + values[r][1]);
        }
        return Files.write(dir.resolve("normal.csv"), lines);
    }
}
