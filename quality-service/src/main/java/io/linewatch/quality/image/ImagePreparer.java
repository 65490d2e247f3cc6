package io.linewatch.quality.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Converts a decoded image to a model's input: the model's channels, scaled to fit its size with
 * the aspect ratio kept, centred and padded. Values stay in pixel units (0-255) so the same
 * prepared image can be cached compactly and normalised later per the model contract.
 *
 * <p>Downscaling uses an antialiased triangle filter whose support grows with the scale factor,
 * so thin defects (cracks, scratches) fade rather than alias away.
 */
public final class ImagePreparer {

    private ImagePreparer() {}

    /**
     * Returns the image as {@code channels x height x width} floats in 0-255, channel-major.
     *
     * @param padding pixel value per channel for the area outside the scaled image
     */
    public static float[] prepare(BufferedImage image, InputShape shape, float[] padding) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = planes(image, shape.channels());
        int[] rect = contentRect(w, h, shape);
        int x0 = rect[0];
        int y0 = rect[1];
        int nw = rect[2];
        int nh = rect[3];
        int area = shape.height() * shape.width();
        float[] out = new float[shape.length()];
        for (int c = 0; c < shape.channels(); c++) {
            java.util.Arrays.fill(out, c * area, (c + 1) * area, padding[c]);
            float[] scaled = Resampler.resize(planes[c], w, h, nw, nh);
            for (int y = 0; y < nh; y++) {
                System.arraycopy(scaled, y * nw, out, c * area + (y + y0) * shape.width() + x0, nw);
            }
        }
        return out;
    }

    /**
     * Where a {@code w x h} image lands inside the model input: {@code {x0, y0, width, height}}
     * after scaling to fit with the aspect ratio kept and centring.
     */
    public static int[] contentRect(int w, int h, InputShape shape) {
        double scale = Math.min((double) shape.width() / w, (double) shape.height() / h);
        int nw = Math.max(1, Math.min(shape.width(), (int) Math.round(w * scale)));
        int nh = Math.max(1, Math.min(shape.height(), (int) Math.round(h * scale)));
        return new int[] {(shape.width() - nw) / 2, (shape.height() - nh) / 2, nw, nh};
    }

    /** True when every pixel has equal red, green and blue (grey content stored as colour). */
    public static boolean isGrey(BufferedImage image) {
        if (image.getRaster().getNumBands() < 3) {
            return true;
        }
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                if (Math.abs(r - g) > 2 || Math.abs(g - b) > 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float[][] planes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        boolean singleBand = raster.getNumBands() == 1 && image.getColorModel().getNumComponents() == 1;
        float[][] planes = new float[channels][w * h];
        if (singleBand) {
            // Read grey samples directly: getRGB would push them through a linear-to-sRGB conversion.
            int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            float toByte = 255f / max;
            float[] grey = raster.getSamples(0, 0, w, h, 0, (float[]) null);
            for (int i = 0; i < grey.length; i++) {
                grey[i] *= toByte;
            }
            for (float[] plane : planes) {
                System.arraycopy(grey, 0, plane, 0, grey.length);
            }
            return planes;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int r = (argb[i] >> 16) & 0xff;
            int g = (argb[i] >> 8) & 0xff;
            int b = argb[i] & 0xff;
            if (channels == 1) {
                planes[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                planes[0][i] = r;
                planes[1][i] = g;
                planes[2][i] = b;
            }
        }
        return planes;
    }
}
