package io.linewatch.quality.evaluation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.training.DefectTrainer;
import io.linewatch.quality.training.EpochProgress;
import io.linewatch.quality.training.ImageFolder;
import io.linewatch.quality.training.LabelledImage;
import io.linewatch.quality.training.StratifiedSplit;
import io.linewatch.quality.training.TrainingListener;
import io.linewatch.quality.training.TrainingResult;
import io.linewatch.quality.training.TrainingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry points that run before (and without) Spring, so the jar alone can train and
 * evaluate: no Kafka, no PostgreSQL.
 *
 * <pre>
 * evaluate images --data DIR [--split 0.5] [--seed N] --out FILE [--model-out FILE]
 * evaluate images --train DIR --test DIR [--seed N] --out FILE [--model-out FILE]
 * train --data DIR --out BUNDLE [--seed N]
 * </pre>
 *
 * Common options: {@code --good-classes a,b} and {@code --set name=value} (any
 * {@link TrainingSettings} component).
 */
public final class QualityCli {

    private final PrintStream out;
    private final PrintStream err;

    public QualityCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("evaluate") || args[0].equals("train"));
    }

    /** Runs a command and returns the process exit code. */
    public int run(String[] args) {
        quietLogging();
        try {
            if (args[0].equals("evaluate") && args.length > 1 && args[1].equals("images")) {
                evaluate(CliArguments.parse(Arrays.asList(args).subList(2, args.length)));
                return 0;
            }
            if (args[0].equals("train")) {
                train(CliArguments.parse(Arrays.asList(args).subList(1, args.length)));
                return 0;
            }
            err.println("usage: evaluate images --data DIR --split 0.5 --seed N --out FILE"
                    + " | evaluate images --train DIR --test DIR --out FILE | train --data DIR --out BUNDLE");
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void evaluate(CliArguments args) throws IOException {
        TrainingSettings settings = settings(args);
        ImageFolder trainFolder;
        List<LabelledImage> train;
        List<LabelledImage> test;
        if (args.get("data") != null) {
            trainFolder = ImageFolder.scan(Path.of(args.get("data")));
            double split = Double.parseDouble(args.options().getOrDefault("split", "0.5"));
            StratifiedSplit.Result result = StratifiedSplit.split(
                    trainFolder.images(), trainFolder.labels().size(), split, settings.seed());
            train = result.first();
            test = result.second();
            err.printf(
                    Locale.ROOT,
                    "split %.2f (seed %d): %d train, %d test; %d groups of identical files kept on one side%n",
                    split,
                    settings.seed(),
                    train.size(),
                    test.size(),
                    result.duplicateGroups());
        } else {
            trainFolder = ImageFolder.scan(Path.of(args.require("train")));
            train = trainFolder.images();
            test = ImageFolder.scan(Path.of(args.require("test")), trainFolder.labels())
                    .images();
        }
        err.println(
                "labels " + trainFolder.labels() + ", train per class " + Arrays.toString(counts(train, trainFolder)));
        TrainingResult trained = train(trainFolder.labels(), train, settings);
        Evaluation evaluation = new Evaluation(new ImageDecoder(ImageLimits.DEFAULT), err);
        ClassificationReport report = evaluation.run(trained.bundle(), test, Path.of(args.require("out")));
        out.print(report.format());
        if (args.get("model-out") != null) {
            trained.bundle().save(Path.of(args.get("model-out")));
            err.println("model bundle written to " + args.get("model-out"));
        }
    }

    private void train(CliArguments args) throws IOException {
        TrainingSettings settings = settings(args);
        ImageFolder folder = ImageFolder.scan(Path.of(args.require("data")));
        TrainingResult trained = train(folder.labels(), folder.images(), settings);
        ModelBundle bundle = trained.bundle();
        bundle.save(Path.of(args.require("out")));
        out.println("model bundle written to " + args.require("out") + " with metrics "
                + bundle.contract().metrics());
    }

    private TrainingResult train(List<String> labels, List<LabelledImage> images, TrainingSettings settings) {
        err.println("training with " + settings.describe() + ", OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        TrainingResult result = new DefectTrainer().train(labels, images, settings, new TrainingListener() {
            @Override
            public void onEpoch(EpochProgress p) {
                err.printf(
                        Locale.ROOT,
                        "epoch %d/%d loss %.4f val_loss %.4f val_acc %.4f lr %.5f best %d time %.1fs eta<=%ds%n",
                        p.epoch(),
                        p.maxEpochs(),
                        p.trainLoss(),
                        p.validationLoss(),
                        p.validationAccuracy(),
                        p.learningRate(),
                        p.bestEpoch(),
                        p.epochTime().toMillis() / 1000.0,
                        p.eta().toSeconds());
            }
        });
        err.println("kept the weights of epoch " + result.bestEpoch() + "; model input "
                + result.bundle().contract().input());
        return result;
    }

    private static TrainingSettings settings(CliArguments args) {
        TrainingSettings settings = TrainingSettings.defaults().with(args.settings());
        if (args.get("seed") != null) {
            settings = settings.with(java.util.Map.of("seed", args.get("seed")));
        }
        if (args.get("good-classes") != null) {
            settings = settings.with(java.util.Map.of("goodClasses", args.get("good-classes")));
        }
        return settings;
    }

    private static int[] counts(List<LabelledImage> images, ImageFolder folder) {
        int[] counts = new int[folder.labels().size()];
        images.forEach(i -> counts[i.label()]++);
        return counts;
    }

    /** Library logging goes to WARN: Spring's logging setup never ran, and logback's default is DEBUG. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
