package io.linewatch.quality.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits images per class with a seed, so each side keeps the class proportions. Byte-identical
 * files (NEU ships one such pair) form one group that lands on one side only; otherwise the same
 * picture could be trained on and then scored as "unseen".
 */
public final class StratifiedSplit {

    /** The two sides of a split and how many duplicate groups were kept together. */
    public record Result(List<LabelledImage> first, List<LabelledImage> second, int duplicateGroups) {}

    private StratifiedSplit() {}

    /**
     * Puts about {@code firstFraction} of each class's groups into {@code first}, at least one
     * group on each side when the class has two or more groups.
     */
    public static Result split(List<LabelledImage> images, int classes, double firstFraction, long seed) {
        if (!(firstFraction > 0 && firstFraction < 1)) {
            throw new IllegalArgumentException("split fraction must be between 0 and 1, was " + firstFraction);
        }
        Random random = new Random(seed);
        List<LabelledImage> first = new ArrayList<>();
        List<LabelledImage> second = new ArrayList<>();
        int duplicateGroups = 0;
        for (int c = 0; c < classes; c++) {
            List<List<LabelledImage>> groups = groups(images, c);
            duplicateGroups += (int) groups.stream().filter(g -> g.size() > 1).count();
            Collections.shuffle(groups, random);
            int n = groups.size();
            int k = (int) Math.round(n * firstFraction);
            if (n >= 2) {
                k = Math.max(1, Math.min(n - 1, k));
            }
            for (int i = 0; i < n; i++) {
                (i < k ? first : second).addAll(groups.get(i));
            }
        }
        return new Result(first, second, duplicateGroups);
    }

    private static List<List<LabelledImage>> groups(List<LabelledImage> images, int label) {
        Map<String, List<LabelledImage>> byContent = new LinkedHashMap<>();
        for (LabelledImage image : images) {
            if (image.label() == label) {
                byContent.computeIfAbsent(digest(image), k -> new ArrayList<>()).add(image);
            }
        }
        return new ArrayList<>(byContent.values());
    }

    private static String digest(LabelledImage image) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(image.path())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image.path(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
