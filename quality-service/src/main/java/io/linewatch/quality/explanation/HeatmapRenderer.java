package io.linewatch.quality.explanation;

import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.image.InputShape;
import java.awt.image.BufferedImage;

/**
 * Draws an {@link OcclusionMap} over the original image: the map is cut to the image's content
 * rectangle (padding removed), scaled to the original size, and blended in red with an opacity
 * proportional to the drop, so unimportant regions keep their original look.
 */
public final class HeatmapRenderer {

    private HeatmapRenderer() {}

    public static BufferedImage overlay(BufferedImage original, OcclusionMap map, InputShape shape) {
        int w = original.getWidth();
        int h = original.getHeight();
        int[] rect = ImagePreparer.contentRect(w, h, shape);
        float max = 1e-6f;
        for (float[] row : map.values()) {
            for (float v : row) {
                max = Math.max(max, v);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            int my = Math.min(shape.height() - 1, rect[1] + (int) ((y + 0.5) * rect[3] / h));
            for (int x = 0; x < w; x++) {
                int mx = Math.min(shape.width() - 1, rect[0] + (int) ((x + 0.5) * rect[2] / w));
                float alpha = 0.6f * map.values()[my][mx] / max;
                int rgb = original.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                r = Math.round(r * (1 - alpha) + 255 * alpha);
                g = Math.round(g * (1 - alpha));
                b = Math.round(b * (1 - alpha));
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }
}
