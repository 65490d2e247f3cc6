package io.linewatch.quality.trainingjob;

import io.linewatch.quality.evaluation.ClassificationReport;
import io.linewatch.quality.evaluation.Evaluation;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.inspection.RelabelledImages;
import io.linewatch.quality.training.DefectTrainer;
import io.linewatch.quality.training.EpochProgress;
import io.linewatch.quality.training.ImageFolder;
import io.linewatch.quality.training.StratifiedSplit;
import io.linewatch.quality.training.TrainingListener;
import io.linewatch.quality.training.TrainingResult;
import io.linewatch.quality.training.TrainingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job: gather the labelled images, hold out a stratified test split, train with the
 * product's {@link DefectTrainer} (its own validation split and early stopping), measure the test
 * split with {@link Evaluation}, and register the version with its contract, metrics and lineage.
 * Progress goes to the job row after every epoch; cancellation is checked after every mini-batch.
 */
final class TrainingJobRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobRun.class);
    private static final int MIN_PER_CLASS = 3;

    /** A checked request. */
    record Plan(
            String modelName,
            String source,
            Path folder,
            String productType,
            double testFraction,
            long seed,
            TrainingSettings settings,
            Map<String, String> overrides,
            String description,
            int maxImages) {

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("modelName", modelName);
            m.put("source", source);
            if (folder != null) {
                m.put("folder", folder.toString());
            }
            if (productType != null) {
                m.put("productType", productType);
            }
            m.put("testFraction", testFraction);
            m.put("seed", seed);
            m.put("settings", overrides);
            m.put("description", description);
            return m;
        }
    }

    private final UUID id;
    private final Plan plan;
    private final TrainingJobRepository repository;
    private final RelabelledImages relabelled;
    private final RegistryPublisher registry;
    private final AtomicBoolean cancelled;
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    TrainingJobRun(
            UUID id,
            Plan plan,
            TrainingJobRepository repository,
            RelabelledImages relabelled,
            RegistryPublisher registry,
            AtomicBoolean cancelled) {
        this.id = id;
        this.plan = plan;
        this.repository = repository;
        this.relabelled = relabelled;
        this.registry = registry;
        this.cancelled = cancelled;
    }

    void run() {
        if (cancelled.get() || !repository.start(id)) {
            return;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("quality-training-" + id);
            phase("collecting images");
            ImageFolder data = plan.source().equals("FOLDER") ? ImageFolder.scan(plan.folder()) : relabelled(work);
            check(data);
            StratifiedSplit.Result split =
                    StratifiedSplit.split(data.images(), data.labels().size(), 1 - plan.testFraction(), plan.seed());
            phase("training");
            TrainingResult result =
                    new DefectTrainer(decoder).train(data.labels(), split.first(), plan.settings(), listener());
            checkCancelled();
            phase("evaluating");
            ClassificationReport report = new Evaluation(decoder, new PrintStream(OutputStream.nullOutputStream()))
                    .run(result.bundle(), split.second(), work.resolve("predictions.csv"));
            Map<String, Object> metrics =
                    TrainingMetrics.of(report, result, split.second().size());
            checkCancelled();
            Integer version = null;
            if (registry != null) {
                phase("registering");
                version = registry.register(
                        plan.modelName(),
                        plan.description().isBlank()
                                ? "trained by job " + id + " on "
                                        + data.images().size() + " images"
                                : plan.description(),
                        result.bundle(),
                        metrics,
                        lineage(data, split),
                        plan.productType() == null ? Map.of() : Map.of("productType", plan.productType()));
            }
            finishedProgress(result);
            if (!repository.finish(
                    id,
                    "SUCCEEDED",
                    version,
                    metrics,
                    registry == null ? "no model registry configured; the version was not registered" : null)) {
                log.info("Training job {} finished after it was cancelled", id);
            }
        } catch (CancellationException e) {
            repository.finish(id, "CANCELLED", null, null, "cancelled");
        } catch (Exception | LinkageError e) {
            log.warn("Training job {} failed", id, e);
            repository.finish(id, "FAILED", null, null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            deleteQuietly(work);
        }
    }

    private TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochProgress p) {
                Map<String, Object> progress = new LinkedHashMap<>();
                progress.put("phase", "training");
                progress.put("epoch", p.epoch());
                progress.put("maxEpochs", p.maxEpochs());
                progress.put("trainLoss", TrainingMetrics.finite(p.trainLoss()));
                progress.put("validationLoss", TrainingMetrics.finite(p.validationLoss()));
                progress.put("validationAccuracy", TrainingMetrics.finite(p.validationAccuracy()));
                progress.put("bestEpoch", p.bestEpoch());
                progress.put("learningRate", p.learningRate());
                progress.put("epochSeconds", p.epochTime().toMillis() / 1000.0);
                progress.put("elapsedSeconds", p.elapsed().toMillis() / 1000.0);
                progress.put("etaSeconds", p.eta().toMillis() / 1000.0);
                repository.progress(id, progress);
                checkCancelled();
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                checkCancelled();
            }
        };
    }

    private void checkCancelled() {
        if (cancelled.get()) {
            throw new CancellationException("training job " + id + " cancelled");
        }
    }

    private void phase(String phase) {
        checkCancelled();
        repository.progress(id, Map.of("phase", phase));
    }

    private void finishedProgress(TrainingResult result) {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("phase", "done");
        progress.put("epoch", result.history().size());
        progress.put("bestEpoch", result.bestEpoch());
        if (!result.history().isEmpty()) {
            EpochProgress last = result.history().get(result.history().size() - 1);
            progress.put("maxEpochs", last.maxEpochs());
            progress.put("trainLoss", TrainingMetrics.finite(last.trainLoss()));
            progress.put("validationLoss", TrainingMetrics.finite(last.validationLoss()));
            progress.put("validationAccuracy", TrainingMetrics.finite(last.validationAccuracy()));
            progress.put("elapsedSeconds", last.elapsed().toMillis() / 1000.0);
            progress.put("etaSeconds", 0.0);
        }
        repository.progress(id, progress);
    }

    /** Writes the relabelled inspections' images as a class-per-subfolder set under {@code work}. */
    private ImageFolder relabelled(Path work) throws IOException {
        Path root = work.resolve("images");
        int written = 0;
        for (RelabelledImages.Example example : relabelled.list(plan.productType())) {
            if (written >= plan.maxImages()) {
                break;
            }
            var bytes = relabelled.image(example);
            if (bytes.isEmpty()) {
                continue;
            }
            Path dir = root.resolve(safe(example.label()));
            Files.createDirectories(dir);
            Files.write(dir.resolve(example.inspectionId() + extension(bytes.get())), bytes.get());
            written++;
        }
        if (written == 0) {
            throw new IllegalArgumentException("no relabelled inspections with kept images"
                    + (plan.productType() == null ? "" : " for product type " + plan.productType()));
        }
        return ImageFolder.scan(root);
    }

    private void check(ImageFolder data) {
        if (data.labels().size() < 2) {
            throw new IllegalArgumentException("need at least two classes, found " + data.labels());
        }
        if (data.images().size() > plan.maxImages()) {
            throw new IllegalArgumentException(
                    data.images().size() + " images exceed the limit of " + plan.maxImages() + " per job");
        }
        int[] counts = data.countsPerClass();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < MIN_PER_CLASS) {
                throw new IllegalArgumentException("class '" + data.labels().get(c) + "' has " + counts[c]
                        + " image(s); each class needs at least " + MIN_PER_CLASS);
            }
        }
    }

    private Map<String, Object> lineage(ImageFolder data, StratifiedSplit.Result split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainingJob", id.toString());
        m.put("source", plan.source());
        if (plan.folder() != null) {
            m.put("folder", plan.folder().toString());
        }
        if (plan.productType() != null) {
            m.put("productType", plan.productType());
        }
        m.put("images", data.images().size());
        Map<String, Integer> perClass = new TreeMap<>();
        int[] counts = data.countsPerClass();
        for (int c = 0; c < counts.length; c++) {
            perClass.put(data.labels().get(c), counts[c]);
        }
        m.put("imagesPerClass", perClass);
        m.put("trainImages", split.first().size());
        m.put("testImages", split.second().size());
        m.put("testFraction", plan.testFraction());
        m.put("seed", plan.seed());
        m.put("split", "stratified per class; the trainer holds out its own validation split of the training part");
        return m;
    }

    private static String extension(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P') {
            return ".png";
        }
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
            return ".jpg";
        }
        return ".bmp";
    }

    private static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s : s;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths =
                    new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Cannot clean up {}: {}", dir, e.toString());
        }
    }
}
