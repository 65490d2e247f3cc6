package io.linewatch.quality.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.quality.image.InputShape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterUnitTest {

    private static final InputShape SQUARE = new InputShape(1, 8, 8);

    /** Where the one bright pixel of an image is. */
    private static int brightIndex(float[] image) {
        for (int i = 0; i < image.length; i++) {
            if (image[i] == 255f) {
                return i;
            }
        }
        return -1;
    }

    private static float[] marked() {
        float[] image = new float[64];
        image[2 * 8 + 7] = 255f; // (x=7, y=2)
        return image;
    }

    @Test
    void quarterTurnsAndFlipsReachAllEightPlacementsOfAPixel() {
        Augmenter augmenter = new Augmenter(true, true, 0, 0, 0);
        Random random = new Random(1);
        Set<Integer> places = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            places.add(brightIndex(augmenter.apply(marked(), SQUARE, new float[] {0}, random)));
        }
        // (7,2) under the symmetries of the 8x8 square: x in {0,7} with y in {2,5}, or y in {0,7} with x in {2,5}.
        assertThat(places).containsExactlyInAnyOrder(16, 23, 40, 47, 2, 5, 58, 61);
    }

    @Test
    void transpositionAloneSwapsRowsAndColumns() {
        Augmenter augmenter = new Augmenter(false, true, 0, 0, 0);
        Random random = new Random(2);
        Set<Integer> places = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            places.add(brightIndex(augmenter.apply(marked(), SQUARE, new float[] {0}, random)));
        }
        assertThat(places).containsExactlyInAnyOrder(2 * 8 + 7, 7 * 8 + 2);
    }

    @Test
    void noTranspositionForNonSquareInputs() {
        Augmenter augmenter = new Augmenter(false, true, 0, 0, 0);
        InputShape wide = new InputShape(1, 8, 16);
        float[] image = new float[128];
        image[5] = 255f;
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            assertThat(brightIndex(augmenter.apply(image, wide, new float[] {0}, random)))
                    .isEqualTo(5);
        }
    }
}
