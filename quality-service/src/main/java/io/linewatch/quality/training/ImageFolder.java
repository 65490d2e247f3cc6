package io.linewatch.quality.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A labelled image folder: each subfolder is a class (labels sorted by name), each PNG, JPEG or
 * BMP file directly inside it one image. Other files and hidden entries are ignored.
 */
public record ImageFolder(Path root, List<String> labels, List<LabelledImage> images) {

    public ImageFolder {
        labels = List.copyOf(labels);
        images = List.copyOf(images);
    }

    public static ImageFolder scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        List<Path> classDirs;
        try (Stream<Path> children = Files.list(root)) {
            classDirs = children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        List<String> labels =
                classDirs.stream().map(p -> p.getFileName().toString()).toList();
        return scan(root, labels);
    }

    /** Scans {@code root} against a fixed label list (a test folder must use the training labels). */
    public static ImageFolder scan(Path root, List<String> labels) throws IOException {
        List<LabelledImage> images = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                int label = labels.indexOf(name);
                if (label < 0) {
                    throw new IOException("class folder " + dir + " is not one of the labels " + labels);
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(ImageFolder::isImageFile)
                            .sorted()
                            .forEach(file -> images.add(new LabelledImage(file, label)));
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no PNG, JPEG or BMP images in class folders under " + root);
        }
        return new ImageFolder(root, labels, images);
    }

    public int[] countsPerClass() {
        int[] counts = new int[labels.size()];
        images.forEach(image -> counts[image.label()]++);
        return counts;
    }

    static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && !name.startsWith(".")
                && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".bmp"));
    }
}
