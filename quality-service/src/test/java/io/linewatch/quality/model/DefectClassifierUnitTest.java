package io.linewatch.quality.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefectClassifierUnitTest {

    private final ModelContract contract =
            ModelBundleUnitTest.contract(List.of("crack", "good", "hole"), List.of("good"));
    private final DefectClassifier classifier = new DefectClassifier(
            new ModelBundle(DefectNetFactory.build(DefectNetFactoryUnitTest.spec(contract.input(), 3, 1)), contract));

    @Test
    void pDefectIsTheSumOfTheNonGoodClassesAndDrivesTheVerdictThroughTheReviewBand() {
        Prediction pass = classifier.predict(new float[] {0.05f, 0.9f, 0.05f});
        Prediction review = classifier.predict(new float[] {0.3f, 0.6f, 0.1f});
        Prediction fail = classifier.predict(new float[] {0.5f, 0.1f, 0.4f});

        assertThat(pass.pDefect()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(review.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.predictedClass()).isEqualTo("crack");
        assertThat(fail.probabilities()).containsOnlyKeys("crack", "good", "hole");
    }

    @Test
    void withoutAGoodClassAnUncertainTopClassGoesToReview() {
        ModelContract noGood = ModelBundleUnitTest.contract(List.of("a", "b"), List.of());
        DefectClassifier c = new DefectClassifier(
                new ModelBundle(DefectNetFactory.build(DefectNetFactoryUnitTest.spec(noGood.input(), 2, 1)), noGood));

        assertThat(c.predict(new float[] {0.7f, 0.3f}).verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(c.predict(new float[] {0.95f, 0.05f}).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(c.predict(new float[] {0.95f, 0.05f}).pDefect()).isNaN();
    }

    @Test
    void classifiesABatchOfImagesOfAnySizeInOneCall() {
        var images = List.of(
                new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                new java.awt.image.BufferedImage(10, 30, java.awt.image.BufferedImage.TYPE_INT_RGB));

        List<Prediction> predictions = classifier.classify(images);

        assertThat(predictions).hasSize(2);
        assertThat(predictions.get(0).probabilities().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
