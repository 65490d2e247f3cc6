package io.linewatch.quality;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small generated product images: plain noisy surfaces ("good") and surfaces with a dark scratch. */
public final class TestImages {

    private TestImages() {}

    /** A flat grey image with one dark diagonal line, any size. */
    public static byte[] plain(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(2, 2, w - 3, h - 3);
        g.dispose();
        return png(image);
    }

    public static byte[] good(int size, long seed) {
        return png(draw(size, seed, false));
    }

    public static byte[] scratch(int size, long seed) {
        return png(draw(size, seed, true));
    }

    /** Writes {@code perClass} images of each class into {@code root/good} and {@code root/scratch}. */
    public static Path folder(Path root, int perClass, int size) {
        try {
            Files.createDirectories(root.resolve("good"));
            Files.createDirectories(root.resolve("scratch"));
            for (int i = 0; i < perClass; i++) {
                Files.write(root.resolve("good").resolve("g" + i + ".png"), good(size, i));
                Files.write(root.resolve("scratch").resolve("s" + i + ".png"), scratch(size, 1000 + i));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage draw(int size, long seed, boolean scratch) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = 150 + random.nextInt(30);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        if (scratch) {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(20, 20, 20));
            g.setStroke(new java.awt.BasicStroke(Math.max(2, size / 12f)));
            int a = random.nextInt(size / 2);
            g.drawLine(a, 0, size - 1 - random.nextInt(size / 2), size - 1);
            g.dispose();
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
