package io.linewatch.quality.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.quality.evaluation.ClassificationReport;
import io.linewatch.quality.evaluation.Evaluation;
import io.linewatch.quality.explanation.HeatmapRenderer;
import io.linewatch.quality.explanation.OcclusionMap;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelBundle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefectTrainerUnitTest {

    static TrainingSettings small() {
        return TrainingSettings.defaults()
                .with(Map.of(
                        "imageSize", "32",
                        "filters", "8,16,32",
                        "maxEpochs", "25",
                        "minSteps", "0",
                        "patience", "6",
                        "warmupEpochs", "4",
                        "batchSize", "16",
                        "learningRate", "0.003",
                        "validationFraction", "0.2",
                        "seed", "5"))
                .with(Map.of("stemKernel", "5", "stemStride", "2"));
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
        assertOcclusionFindsThePit(result.bundle());
    }

    @Test
    void learnsWithAveragedWeightsAndKeepsAnAveragedModel(@TempDir Path dir) throws Exception {
        ImageFolder train = ImageFolder.scan(SyntheticDefects.write(dir.resolve("train"), 90, 30, 30, 1));
        ImageFolder test = ImageFolder.scan(SyntheticDefects.write(dir.resolve("test"), 30, 20, 20, 2), train.labels());
        List<EpochProgress> progress = new ArrayList<>();

        TrainingResult result = new DefectTrainer()
                .train(train.labels(), train.images(), small().with(Map.of("emaDecay", "0.9")), progress::add);

        assertThat(result.bundle().contract().training()).containsEntry("emaDecay", "0.9");
        ClassificationReport report = new Evaluation(
                        new ImageDecoder(ImageLimits.DEFAULT), new PrintStream(new ByteArrayOutputStream()))
                .run(result.bundle(), test.images(), dir.resolve("predictions.csv"));
        assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.rocAuc()).isGreaterThanOrEqualTo(0.95);
    }

    /** The hottest cell of the occlusion map of a pit drawn at (12, 34) lies on or next to the pit. */
    private static void assertOcclusionFindsThePit(ModelBundle bundle) {
        DefectClassifier classifier = new DefectClassifier(bundle);
        BufferedImage image = SyntheticDefects.pitAt(12, 34, 6, new Random(3));
        float[] prepared = ImagePreparer.prepare(
                image, bundle.contract().input(), bundle.contract().padding());

        OcclusionMap map = OcclusionMap.compute(classifier, prepared, 8, 4);

        int size = bundle.contract().input().width();
        int bestX = 0;
        int bestY = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (map.values()[y][x] > map.values()[bestY][bestX]) {
                    bestX = x;
                    bestY = y;
                }
            }
        }
        double scale = size / 48.0;
        assertThat(map.score()).isGreaterThan(0.5);
        assertThat(Math.hypot(bestX - 12 * scale, bestY - 34 * scale)).isLessThan(10 * scale);
        BufferedImage overlay =
                HeatmapRenderer.overlay(image, map, bundle.contract().input());
        assertThat(overlay.getWidth()).isEqualTo(48);
        int pit = overlay.getRGB(12, 34);
        int far = overlay.getRGB(40, 6);
        assertThat((pit >> 16) & 0xff).isGreaterThan((pit >> 8) & 0xff);
        assertThat((far >> 16) & 0xff).isLessThan(((far >> 8) & 0xff) + 60);
    }

    @Test
    void balancedClassWeightsAreInverseToClassFrequency() {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(new LabelledImage(Path.of("g" + i), 0));
        }
        images.add(new LabelledImage(Path.of("d0"), 1));
        images.add(new LabelledImage(Path.of("d1"), 1));

        assertThat(DefectTrainer.classWeights(2, images, 1.0)).containsExactly(10 / 16.0, 10 / 4.0);
        assertThat(DefectTrainer.classWeights(2, images, 0.5))
                .containsExactly(Math.sqrt(10 / 16.0), Math.sqrt(10 / 4.0));
        assertThat(DefectTrainer.classWeights(2, images, 0.0)).containsExactly(1.0, 1.0);
    }

    @Test
    void automaticInputSizeIsTheMedianLongerSideRoundedAndClamped() {
        assertThat(DefectTrainer.autoSize(new int[] {200, 200, 200})).isEqualTo(192);
        assertThat(DefectTrainer.autoSize(new int[] {100, 220, 225, 250, 900})).isEqualTo(224);
        assertThat(DefectTrainer.autoSize(new int[] {356, 612, 480})).isEqualTo(256);
        assertThat(DefectTrainer.autoSize(new int[] {20, 28})).isEqualTo(64);
        assertThat(DefectTrainer.autoSize(new int[0])).isEqualTo(64);
    }

    @Test
    void findsGoodClassesByNameIgnoringCase() {
        assertThat(DefectTrainer.goodClasses(List.of("MT_Blowhole", "MT_Free"), TrainingSettings.DEFAULT_GOOD_CLASSES))
                .containsExactly("MT_Free");
        assertThat(DefectTrainer.goodClasses(List.of("crazing", "scratches"), TrainingSettings.DEFAULT_GOOD_CLASSES))
                .isEmpty();
    }

    @Test
    void globalPoolingIsASettingReadFromTextAndRecorded() {
        TrainingSettings max = TrainingSettings.defaults().with(Map.of("globalPooling", "MAX"));

        assertThat(TrainingSettings.defaults().poolingType())
                .isEqualTo(org.deeplearning4j.nn.conf.layers.PoolingType.AVG);
        assertThat(max.globalPooling()).isEqualTo("max");
        assertThat(max.poolingType()).isEqualTo(org.deeplearning4j.nn.conf.layers.PoolingType.MAX);
        assertThat(max.describe()).containsEntry("globalPooling", "max");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TrainingSettings.defaults().with(Map.of("globalPooling", "median")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avg or max");
    }
}
