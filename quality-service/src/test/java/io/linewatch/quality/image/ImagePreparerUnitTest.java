package io.linewatch.quality.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImagePreparerUnitTest {

    @Test
    void aWideImageIsScaledToTheFullWidthCentredVerticallyAndPaddedAboveAndBelow() {
        BufferedImage wide = filled(100, 50, Color.WHITE, BufferedImage.TYPE_INT_RGB);
        InputShape shape = new InputShape(1, 32, 32);

        float[] prepared = ImagePreparer.prepare(wide, shape, new float[] {7f});

        assertThat(ImagePreparer.contentRect(100, 50, shape)).containsExactly(0, 8, 32, 16);
        assertThat(prepared).hasSize(32 * 32);
        assertThat(prepared[0]).isEqualTo(7f);
        assertThat(prepared[7 * 32 + 16]).isEqualTo(7f);
        assertThat(prepared[8 * 32]).isCloseTo(255f, within(0.01f));
        assertThat(prepared[23 * 32 + 31]).isCloseTo(255f, within(0.01f));
        assertThat(prepared[24 * 32 + 16]).isEqualTo(7f);
    }

    @Test
    void aTallImageIsPaddedLeftAndRight() {
        BufferedImage tall = filled(20, 80, Color.WHITE, BufferedImage.TYPE_INT_RGB);

        assertThat(ImagePreparer.contentRect(20, 80, new InputShape(1, 40, 40))).containsExactly(15, 0, 10, 40);
    }

    @Test
    void colourBecomesLuminanceForAGreyModelAndStaysThreePlanesForAnRgbModel() {
        BufferedImage red = filled(16, 16, new Color(200, 0, 0), BufferedImage.TYPE_INT_RGB);

        float[] grey = ImagePreparer.prepare(red, new InputShape(1, 8, 8), new float[] {0});
        float[] rgb = ImagePreparer.prepare(red, new InputShape(3, 8, 8), new float[] {0, 0, 0});

        assertThat(grey[0]).isCloseTo(0.299f * 200, within(0.01f));
        assertThat(rgb[0]).isCloseTo(200f, within(0.01f));
        assertThat(rgb[64]).isCloseTo(0f, within(0.01f));
        assertThat(rgb[128]).isCloseTo(0f, within(0.01f));
    }

    @Test
    void greyImagesKeepTheirStoredValuesWithoutAGammaShiftAndFillEveryRgbPlane() {
        BufferedImage grey = filled(10, 10, new Color(100, 100, 100), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);

        float[] rgb = ImagePreparer.prepare(grey, new InputShape(3, 10, 10), new float[] {0, 0, 0});

        assertThat(grey.getRaster().getSample(5, 5, 0)).isEqualTo(100);
        assertThat(rgb[55]).isCloseTo(100f, within(0.01f));
        assertThat(rgb[100 + 55]).isCloseTo(100f, within(0.01f));
        assertThat(rgb[200 + 55]).isCloseTo(100f, within(0.01f));
        assertThat(ImagePreparer.isGrey(grey)).isTrue();
        assertThat(ImagePreparer.isGrey(filled(4, 4, Color.RED, BufferedImage.TYPE_INT_RGB)))
                .isFalse();
    }

    @Test
    void downscalingAveragesAFineStripePatternInsteadOfAliasingIt() {
        BufferedImage stripes = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                stripes.getRaster().setSample(x, y, 0, x % 2 == 0 ? 255 : 0);
            }
        }

        float[] prepared = ImagePreparer.prepare(stripes, new InputShape(1, 16, 16), new float[] {0});

        for (int x = 1; x < 15; x++) {
            assertThat(prepared[8 * 16 + x]).isCloseTo(127.5f, within(20f));
        }
    }

    static BufferedImage filled(int w, int h, Color color, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
