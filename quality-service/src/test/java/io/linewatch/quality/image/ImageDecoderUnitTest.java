package io.linewatch.quality.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.quality.image.ImageRejectedException.Reason;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderUnitTest {

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1_000_000, 1_000_000));

    @Test
    void decodesPngJpegAndBmp() throws Exception {
        BufferedImage image = ImagePreparerUnitTest.filled(30, 20, Color.GRAY, BufferedImage.TYPE_INT_RGB);
        for (String format : new String[] {"png", "jpg", "bmp"}) {
            BufferedImage decoded = decoder.decode(encode(image, format));
            assertThat(decoded.getWidth()).as(format).isEqualTo(30);
            assertThat(decoded.getHeight()).as(format).isEqualTo(20);
        }
    }

    /**
     * ImageIO's default stream for bytes copies them into a cache file; with the cache folder gone
     * that would fail. The decoder reads from memory, so it does not care.
     */
    @Test
    void decodesInMemoryWithoutImageIoCacheFiles() throws Exception {
        byte[] png = encode(noise(64, 64), "png");
        Path cache = Files.createTempDirectory("imageio-cache");
        boolean useCache = ImageIO.getUseCache();
        try {
            ImageIO.setUseCache(true);
            ImageIO.setCacheDirectory(cache.toFile());
            Files.delete(cache);

            assertThat(decoder.decode(png).getWidth()).isEqualTo(64);
        } finally {
            ImageIO.setCacheDirectory(null);
            ImageIO.setUseCache(useCache);
        }
    }

    @Test
    void refusesBytesThatAreNotAnImage() {
        assertRejected("hello, this is text".getBytes(), Reason.NOT_AN_IMAGE);
        assertRejected(new byte[0], Reason.EMPTY);
    }

    @Test
    void refusesAGifAsAnUnsupportedFormat() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
        assertRejected(encode(image, "gif"), Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void refusesTruncatedPngAndJpegFiles() throws Exception {
        BufferedImage image = noise(64, 64);
        byte[] png = encode(image, "png");
        byte[] jpeg = encode(image, "jpg");

        assertRejected(Arrays.copyOf(png, png.length / 2), Reason.TRUNCATED);
        assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.TRUNCATED);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderBeforeDecodingPixels() throws Exception {
        byte[] bomb = withPngSize(encode(noise(8, 8), "png"), 50_000, 50_000);

        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("50000x50000")
                .extracting(e -> ((ImageRejectedException) e).reason())
                .isEqualTo(Reason.TOO_MANY_PIXELS);
    }

    @Test
    void refusesAnUploadLargerThanTheByteLimit() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 1_000_000));
        assertThatThrownBy(() -> small.decode(new byte[101]))
                .extracting(e -> ((ImageRejectedException) e).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    private void assertRejected(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOf(ImageRejectedException.class)
                .extracting(e -> ((ImageRejectedException) e).reason())
                .isEqualTo(reason);
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** Rewrites the IHDR width and height of a PNG (and its CRC) without touching the pixel data. */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer.wrap(out, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
        return out;
    }
}
