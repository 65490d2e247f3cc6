package io.linewatch.quality.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.quality.evaluation.ClassificationReport;
import io.linewatch.quality.evaluation.Evaluation;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefectTrainerUnitTest {

    static TrainingSettings small() {
        return TrainingSettings.defaults()
                .with(Map.of(
                        "imageSize", "32",
                        "filters", "8,16,32",
                        "maxEpochs", "25",
                        "patience", "6",
                        "batchSize", "16",
                        "learningRate", "0.003",
                        "validationFraction", "0.2",
                        "seed", "5"));
    }

    @Test
    void learnsDrawnScratchesAndPitsOnAnImbalancedSetAndReportsProgress(@TempDir Path dir) throws Exception {
        ImageFolder train = ImageFolder.scan(SyntheticDefects.write(dir.resolve("train"), 90, 30, 30, 1));
        ImageFolder test = ImageFolder.scan(SyntheticDefects.write(dir.resolve("test"), 30, 20, 20, 2), train.labels());
        List<EpochProgress> progress = new ArrayList<>();

        TrainingResult result = new DefectTrainer().train(train.labels(), train.images(), small(), progress::add);

        assertThat(result.bundle().contract().labels()).containsExactly("good", "pit", "scratch");
        assertThat(result.bundle().contract().goodClasses()).containsExactly("good");
        assertThat(result.bundle().contract().input().channels()).isEqualTo(1);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(0).eta()).isPositive();
        assertThat(result.bestEpoch()).isBetween(1, progress.size());
        ClassificationReport report = new Evaluation(
                        new ImageDecoder(ImageLimits.DEFAULT), new PrintStream(new ByteArrayOutputStream()))
                .run(result.bundle(), test.images(), dir.resolve("predictions.csv"));
        assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.rocAuc()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void balancedClassWeightsAreInverseToClassFrequency() {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(new LabelledImage(Path.of("g" + i), 0));
        }
        images.add(new LabelledImage(Path.of("d0"), 1));
        images.add(new LabelledImage(Path.of("d1"), 1));

        assertThat(DefectTrainer.classWeights(2, images, true)).containsExactly(10 / 16.0, 10 / 4.0);
        assertThat(DefectTrainer.classWeights(2, images, false)).containsExactly(1.0, 1.0);
    }

    @Test
    void findsGoodClassesByNameIgnoringCase() {
        assertThat(DefectTrainer.goodClasses(List.of("MT_Blowhole", "MT_Free"), TrainingSettings.DEFAULT_GOOD_CLASSES))
                .containsExactly("MT_Free");
        assertThat(DefectTrainer.goodClasses(List.of("crazing", "scratches"), TrainingSettings.DEFAULT_GOOD_CLASSES))
                .isEmpty();
    }
}
