package io.linewatch.quality.training;

import io.linewatch.quality.image.InputShape;
import java.util.Random;

/**
 * Random label-preserving changes to a prepared image (pixel units): horizontal and vertical
 * flips, a transposition (square inputs; with the flips, any quarter-turn rotation), a small rotation about the centre (bilinear, filled with the padding value), and a
 * brightness shift and contrast scale about the padding value. Surface defects have no preferred
 * orientation, which is why both flips are on by default.
 */
record Augmenter(boolean flips, boolean rot90, double maxRotationDegrees, double brightness, double contrast) {

    static final Augmenter NONE = new Augmenter(false, false, 0, 0, 0);

    float[] apply(float[] image, InputShape shape, float[] padding, Random random) {
        float[] out = image;
        boolean flipX = flips && random.nextBoolean();
        boolean flipY = flips && random.nextBoolean();
        if (flipX || flipY) {
            out = flip(out, shape, flipX, flipY);
        }
        if (rot90 && shape.width() == shape.height() && random.nextBoolean()) {
            out = transpose(out, shape);
        }
        if (maxRotationDegrees > 0) {
            double angle = Math.toRadians((random.nextDouble() * 2 - 1) * maxRotationDegrees);
            out = rotate(out, shape, angle, padding);
        }
        if (brightness > 0 || contrast > 0) {
            float shift = (float) ((random.nextDouble() * 2 - 1) * brightness * 255);
            float scale = (float) (1 + (random.nextDouble() * 2 - 1) * contrast);
            out = out == image ? out.clone() : out;
            int area = shape.height() * shape.width();
            for (int c = 0; c < shape.channels(); c++) {
                for (int i = c * area; i < (c + 1) * area; i++) {
                    out[i] = Math.max(0f, Math.min(255f, (out[i] - padding[c]) * scale + padding[c] + shift));
                }
            }
        }
        return out;
    }

    private static float[] flip(float[] image, InputShape shape, boolean flipX, boolean flipY) {
        int w = shape.width();
        int h = shape.height();
        float[] out = new float[image.length];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                int sy = flipY ? h - 1 - y : y;
                for (int x = 0; x < w; x++) {
                    int sx = flipX ? w - 1 - x : x;
                    out[base + y * w + x] = image[base + sy * w + sx];
                }
            }
        }
        return out;
    }

    /** Transposition; with the two flips it gives all eight quarter-turn rotations and mirrors. */
    private static float[] transpose(float[] image, InputShape shape) {
        int n = shape.width();
        float[] out = new float[image.length];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * n * n;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    out[base + y * n + x] = image[base + x * n + y];
                }
            }
        }
        return out;
    }

    private static float[] rotate(float[] image, InputShape shape, double angle, float[] padding) {
        int w = shape.width();
        int h = shape.height();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] out = new float[image.length];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sx = cos * (x - cx) + sin * (y - cy) + cx;
                    double sy = -sin * (x - cx) + cos * (y - cy) + cy;
                    out[base + y * w + x] = sample(image, base, w, h, sx, sy, padding[c]);
                }
            }
        }
        return out;
    }

    private static float sample(float[] image, int base, int w, int h, double x, double y, float fill) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v00 = at(image, base, w, h, x0, y0, fill);
        double v10 = at(image, base, w, h, x0 + 1, y0, fill);
        double v01 = at(image, base, w, h, x0, y0 + 1, fill);
        double v11 = at(image, base, w, h, x0 + 1, y0 + 1, fill);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static float at(float[] image, int base, int w, int h, int x, int y, float fill) {
        return x < 0 || y < 0 || x >= w || y >= h ? fill : image[base + y * w + x];
    }
}
