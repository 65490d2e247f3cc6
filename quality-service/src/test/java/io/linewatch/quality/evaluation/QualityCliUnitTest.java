package io.linewatch.quality.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCliUnitTest {

    private static final Path NEU = Path.of("../../shared/data/defects/neu");

    @Test
    void onlyTheEvaluateAndTrainCommandsBypassSpring() {
        assertThat(QualityCli.handles(new String[] {"evaluate", "images"})).isTrue();
        assertThat(QualityCli.handles(new String[] {"train"})).isTrue();
        assertThat(QualityCli.handles(new String[] {"--server.port=0"})).isFalse();
        assertThat(QualityCli.handles(new String[0])).isFalse();
    }

    @Test
    void badArgumentsExitNonZeroWithAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        QualityCli cli = new QualityCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertThat(cli.run(new String[] {"evaluate", "images", "--data", "/nonexistent", "--out", "x.csv"}))
                .isEqualTo(1);
        assertThat(err.toString()).contains("/nonexistent is not a directory");
        assertThat(cli.run(new String[] {"evaluate", "images", "--data"})).isEqualTo(1);
        assertThat(cli.run(new String[] {"evaluate", "sounds"})).isEqualTo(2);
    }

    @Test
    void evaluatesOnASubsetOfTheRealNeuImagesWithSeparateTrainAndTestFolders(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(NEU), "NEU data not found at " + NEU.toAbsolutePath() + "; real-data check skipped");
        for (String label : List.of("crazing", "patches", "scratches")) {
            List<Path> files;
            try (Stream<Path> list = Files.list(NEU.resolve(label))) {
                files = list.sorted().limit(45).toList();
            }
            for (int i = 0; i < files.size(); i++) {
                Path side = dir.resolve(i < 30 ? "train" : "test").resolve(label);
                Files.createDirectories(side);
                Files.createSymbolicLink(
                        side.resolve(files.get(i).getFileName()), files.get(i).toAbsolutePath());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path csv = dir.resolve("out/predictions.csv");

        int code = new QualityCli(new PrintStream(out), new PrintStream(new ByteArrayOutputStream())).run(new String[] {
            "evaluate", "images",
            "--train", dir.resolve("train").toString(),
            "--test", dir.resolve("test").toString(),
            "--out", csv.toString(),
            "--seed", "3",
            "--set", "imageSize=48",
            "--set", "filters=8,16,32",
            "--set", "stemStride=2",
            "--set", "maxEpochs=12",
            "--set", "minSteps=0"
        });

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("path,true,predicted,p_defect");
        assertThat(lines).hasSize(46);
        assertThat(lines.get(1)).matches(".*crazing_\\d+\\.jpg,crazing,[a-z-_]+,$");
        String report = out.toString();
        assertThat(report).contains("confusion matrix").contains("no good class");
        double accuracy = Double.parseDouble(report.replaceAll("(?s).*accuracy \\(3 classes\\): ([0-9.]+).*", "$1"));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
    }
}
