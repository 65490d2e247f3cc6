package io.linewatch.quality.training;

import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.image.ImageRejectedException;
import io.linewatch.quality.image.InputShape;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Images of a data set decoded and prepared to the model's input shape, kept as one byte per value
 * (a 64x64 grey image is 4 KB) up to a byte budget; beyond it an image is decoded again each time
 * it is needed. Padding is filled in on access, so the same entry serves any padding value and the
 * normalisation statistics can be taken from the content pixels alone.
 */
final class PreparedImages {

    private final List<LabelledImage> images;
    private final InputShape shape;
    private final ImageDecoder decoder;
    private final byte[][] pixels;
    private final int[][] rects;

    PreparedImages(List<LabelledImage> images, InputShape shape, ImageDecoder decoder, long cacheBytes) {
        this.images = List.copyOf(images);
        this.shape = shape;
        this.decoder = decoder;
        long capacity = Math.max(0, cacheBytes / Math.max(1, shape.length()));
        int cached = (int) Math.min(images.size(), capacity);
        this.pixels = new byte[cached][];
        this.rects = new int[images.size()][];
    }

    int size() {
        return images.size();
    }

    InputShape shape() {
        return shape;
    }

    LabelledImage image(int index) {
        return images.get(index);
    }

    /** The prepared image in pixel units with {@code padding} outside the content rectangle. */
    float[] get(int index, float[] padding) {
        if (index < pixels.length && pixels[index] != null) {
            return expand(pixels[index], rects[index], padding);
        }
        BufferedImage decoded = decode(index);
        float[] prepared = ImagePreparer.prepare(decoded, shape, padding);
        int[] rect = ImagePreparer.contentRect(decoded.getWidth(), decoded.getHeight(), shape);
        rects[index] = rect;
        if (index < pixels.length) {
            pixels[index] = compress(prepared);
        }
        return prepared;
    }

    /** The content rectangle of an image, preparing it first if it has not been seen. */
    int[] rect(int index) {
        if (rects[index] == null) {
            get(index, new float[shape.channels()]);
        }
        return rects[index];
    }

    private BufferedImage decode(int index) {
        try {
            return decoder.decode(images.get(index).path());
        } catch (ImageRejectedException e) {
            throw new IllegalArgumentException(images.get(index).path() + ": " + e.getMessage(), e);
        }
    }

    private float[] expand(byte[] bytes, int[] rect, float[] padding) {
        float[] out = new float[bytes.length];
        int area = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            Arrays.fill(out, c * area, (c + 1) * area, padding[c]);
            for (int y = rect[1]; y < rect[1] + rect[3]; y++) {
                int row = c * area + y * shape.width();
                for (int x = rect[0]; x < rect[0] + rect[2]; x++) {
                    out[row + x] = bytes[row + x] & 0xff;
                }
            }
        }
        return out;
    }

    private static byte[] compress(float[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
        return bytes;
    }
}
