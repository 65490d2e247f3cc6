package io.linewatch.quality.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws a small labelled image folder for tests: grainy grey surfaces that are clean ("good"),
 * carry a thin dark scratch at a random angle ("scratch"), or a dark round pit ("pit"). Sizes and
 * aspect ratios vary so the pipeline's resize and padding are exercised.
 */
final class SyntheticDefects {

    private SyntheticDefects() {}

    static Path write(Path root, int good, int scratches, int pits, long seed) throws IOException {
        Random random = new Random(seed);
        writeClass(root.resolve("good"), good, random, 0);
        writeClass(root.resolve("scratch"), scratches, random, 1);
        writeClass(root.resolve("pit"), pits, random, 2);
        return root;
    }

    private static void writeClass(Path dir, int count, Random random, int kind) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            BufferedImage image = draw(random, kind);
            ImageIO.write(
                    image,
                    i % 2 == 0 ? "png" : "bmp",
                    dir.resolve(kind + "_" + i + (i % 2 == 0 ? ".png" : ".bmp")).toFile());
        }
    }

    /** A clean 48x48 surface with one pit of radius {@code r} centred at ({@code cx}, {@code cy}). */
    static BufferedImage pitAt(int cx, int cy, int r, Random random) {
        BufferedImage image = surface(48, 48, random);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.dispose();
        return image;
    }

    private static BufferedImage surface(int w, int h, Random random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int base = 120 + random.nextInt(40);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster()
                        .setSample(x, y, 0, Math.max(0, Math.min(255, base + (int) (random.nextGaussian() * 8))));
            }
        }
        return image;
    }

    static BufferedImage draw(Random random, int kind) {
        int w = 40 + random.nextInt(24);
        int h = 40 + random.nextInt(12);
        BufferedImage image = surface(w, h, random);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 30));
        if (kind == 1) {
            g.setStroke(new BasicStroke(2f));
            double angle = random.nextDouble() * Math.PI;
            int cx = w / 2 + random.nextInt(9) - 4;
            int cy = h / 2 + random.nextInt(9) - 4;
            int len = 14 + random.nextInt(8);
            g.drawLine(
                    (int) (cx - len * Math.cos(angle)), (int) (cy - len * Math.sin(angle)),
                    (int) (cx + len * Math.cos(angle)), (int) (cy + len * Math.sin(angle)));
        } else if (kind == 2) {
            int r = 5 + random.nextInt(4);
            g.fillOval(8 + random.nextInt(w - 16 - r), 8 + random.nextInt(h - 16 - r), 2 * r, 2 * r);
        }
        g.dispose();
        return image;
    }
}
