package io.linewatch.quality.image;

import io.linewatch.quality.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG and BMP with {@code javax.imageio} only (no native image library ships with
 * the service). The header is read first so the pixel limit is enforced before decoding, and a
 * reader warning (how ImageIO reports a truncated JPEG: it pads the missing rows with grey) is
 * treated as a truncated file rather than silently accepted. Decoding reads from memory only (no
 * temporary file).
 */
public final class ImageDecoder {

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp");

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public BufferedImage decode(Path file) throws ImageRejectedException {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new ImageRejectedException(
                        Reason.TOO_LARGE, file + " has " + size + " bytes, the limit is " + limits.maxBytes());
            }
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public BufferedImage decode(byte[] bytes) throws ImageRejectedException {
        if (bytes.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "the image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRejectedException(
                    Reason.TOO_LARGE, "the image has " + bytes.length + " bytes, the limit is " + limits.maxBytes());
        }
        // A memory-cached stream over the bytes: ImageIO.createImageInputStream would, by default,
        // copy every image into a temporary file first (write, read back, delete on each decode).
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(Reason.NOT_AN_IMAGE, "the content is not a PNG, JPEG or BMP image");
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, in);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageRejectedException(
                    Reason.TRUNCATED, "the image is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private BufferedImage read(ImageReader reader, ImageInputStream in) throws IOException, ImageRejectedException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new ImageRejectedException(
                    Reason.UNSUPPORTED_FORMAT, "format " + format + " is not accepted; send PNG, JPEG or BMP");
        }
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || width * height > limits.maxPixels()) {
            throw new ImageRejectedException(
                    Reason.TOO_MANY_PIXELS,
                    "the header announces " + width + "x" + height + " pixels, the limit is " + limits.maxPixels());
        }
        AtomicReference<String> warning = new AtomicReference<>();
        IIOReadWarningListener listener = (source, message) -> warning.compareAndSet(null, message);
        reader.addIIOReadWarningListener(listener);
        BufferedImage image = reader.read(0);
        if (warning.get() != null) {
            throw new ImageRejectedException(Reason.TRUNCATED, "the image is truncated or corrupt: " + warning.get());
        }
        return image;
    }
}
