package io.linewatch.quality.evaluation;

import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageRejectedException;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.Prediction;
import io.linewatch.quality.training.LabelledImage;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies test images with a trained bundle in batches, writes one CSV line per image
 * ({@code path,true,predicted,p_defect}) and computes the {@link ClassificationReport}. An image
 * that cannot be decoded is reported and left out rather than ending the run.
 */
public final class Evaluation {

    private static final int BATCH = 64;

    private final ImageDecoder decoder;
    private final PrintStream log;

    public Evaluation(ImageDecoder decoder, PrintStream log) {
        this.decoder = decoder;
        this.log = log;
    }

    public ClassificationReport run(ModelBundle bundle, List<LabelledImage> test, Path csv) throws IOException {
        DefectClassifier classifier = new DefectClassifier(bundle);
        List<String> labels = bundle.contract().labels();
        boolean[] good = new boolean[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            good[c] = bundle.contract().goodClasses().contains(labels.get(c));
        }
        List<Integer> truth = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        List<Double> pDefect = new ArrayList<>();
        if (csv.toAbsolutePath().getParent() != null) {
            Files.createDirectories(csv.toAbsolutePath().getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(csv)) {
            writer.write("path,true,predicted,p_defect\n");
            for (int start = 0; start < test.size(); start += BATCH) {
                List<LabelledImage> batch = new ArrayList<>();
                List<BufferedImage> images = new ArrayList<>();
                for (LabelledImage image : test.subList(start, Math.min(test.size(), start + BATCH))) {
                    try {
                        images.add(decoder.decode(image.path()));
                        batch.add(image);
                    } catch (ImageRejectedException e) {
                        log.println("skipped " + image.path() + ": " + e.getMessage());
                    }
                }
                List<Prediction> predictions = classifier.classify(images);
                for (int i = 0; i < batch.size(); i++) {
                    Prediction p = predictions.get(i);
                    int t = batch.get(i).label();
                    int q = labels.indexOf(p.predictedClass());
                    truth.add(t);
                    predicted.add(q);
                    pDefect.add(p.pDefect());
                    writer.write(csv(batch.get(i).path().toString()) + "," + csv(labels.get(t)) + ","
                            + csv(p.predictedClass()) + ","
                            + (Double.isNaN(p.pDefect()) ? "" : String.format(Locale.ROOT, "%.6f", p.pDefect()))
                            + "\n");
                }
            }
        }
        return ClassificationReport.of(
                labels,
                good,
                truth.stream().mapToInt(Integer::intValue).toArray(),
                predicted.stream().mapToInt(Integer::intValue).toArray(),
                pDefect.stream().mapToDouble(Double::doubleValue).toArray(),
                bundle.contract().defectThreshold());
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
