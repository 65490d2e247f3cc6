package io.linewatch.quality.image;

/**
 * Bounds on what the decoder accepts. The pixel limit is what stops a decompression bomb: a small
 * file whose header announces a huge canvas is refused before a single row is decoded.
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** 20 MB and 40 megapixels: above any camera station we expect, far below a bomb. */
    public static final ImageLimits DEFAULT = new ImageLimits(20L * 1024 * 1024, 40_000_000L);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }
}
