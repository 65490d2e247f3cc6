package io.linewatch.quality.inspection;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.quality.explanation.HeatmapRenderer;
import io.linewatch.quality.explanation.OcclusionMap;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.image.ImageRejectedException;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.Prediction;
import io.linewatch.quality.model.Verdict;
import io.linewatch.quality.serving.ServedModel;
import io.linewatch.quality.serving.ServingModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs inspections. Every image of a request is decoded and checked before anything is stored,
 * so a bad image refuses the whole request and leaves no record. Images of FAIL and REVIEW parts
 * are stored first; then all rows of the request and their events (outbox) are written in one
 * transaction, and if that fails the stored images are removed again.
 */
@Service
class InspectionService {

    /** One uploaded image with the name it was sent under (for error messages). */
    record Upload(String name, byte[] bytes) {}

    /** Where the inspected parts come from. */
    record Origin(String line, String station, String productType, List<String> serials) {}

    private final ServingModels models;
    private final InspectionSettings settings;
    private final ImageDecoder decoder;
    private final InspectionRepository repository;
    private final ImageStore images;
    private final InspectionPublisher publisher;
    private final InspectionMetrics metrics;
    private final TransactionTemplate tx;

    InspectionService(
            ServingModels models,
            InspectionSettings settings,
            InspectionRepository repository,
            ImageStore images,
            InspectionPublisher publisher,
            InspectionMetrics metrics,
            TransactionTemplate tx) {
        this.models = models;
        this.settings = settings;
        this.decoder = new ImageDecoder(new ImageLimits(settings.maxImageSize().toBytes(), settings.maxPixels()));
        this.repository = repository;
        this.images = images;
        this.publisher = publisher;
        this.metrics = metrics;
        this.tx = tx;
    }

    List<Inspection> inspect(List<Upload> uploads, Origin origin) {
        ServedModel served = models.forProduct(origin.productType());
        if (uploads.isEmpty() || uploads.size() > settings.maxBatch()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "Send between 1 and " + settings.maxBatch() + " images, not " + uploads.size() + ".",
                    Map.of("field", "image"));
        }
        List<BufferedImage> decoded = new ArrayList<>();
        for (Upload upload : uploads) {
            decoded.add(decode(upload));
        }
        long start = System.nanoTime();
        List<Prediction> predictions;
        synchronized (served.classifier()) {
            predictions = served.classifier().classify(decoded);
        }
        double latencyMs = (System.nanoTime() - start) / 1e6;
        metrics.inference(latencyMs, uploads.size());
        List<Inspection> result = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            result.add(inspection(origin, i, predictions.get(i), served, latencyMs));
        }
        store(result, uploads);
        result.forEach(metrics::inspected);
        return result;
    }

    private BufferedImage decode(Upload upload) {
        try {
            return decoder.decode(upload.bytes());
        } catch (ImageRejectedException e) {
            HttpStatus status = switch (e.reason()) {
                case TOO_LARGE, TOO_MANY_PIXELS -> HttpStatus.CONTENT_TOO_LARGE;
                case UNSUPPORTED_FORMAT, NOT_AN_IMAGE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                default -> HttpStatus.BAD_REQUEST;
            };
            throw new ProblemException(
                    status,
                    ProblemTypes.of("image-" + e.reason().name().toLowerCase().replace('_', '-')),
                    "Image '" + upload.name() + "': " + e.getMessage(),
                    Map.of("field", "image", "image", upload.name()));
        }
    }

    private static Inspection inspection(Origin origin, int index, Prediction p, ServedModel served, double latencyMs) {
        String serial = origin.serials().size() > index ? origin.serials().get(index) : "";
        return new Inspection(
                UUID.randomUUID(),
                origin.line(),
                origin.station(),
                origin.productType(),
                serial,
                p.verdict().name(),
                p.predictedClass(),
                p.confidence(),
                Double.isNaN(p.pDefect()) ? null : p.pDefect(),
                p.probabilities(),
                served.name(),
                served.version(),
                latencyMs,
                p.verdict() != Verdict.PASS,
                null,
                Instant.now(),
                null);
    }

    /** Images first, then every row and event in one transaction; on failure nothing stays. */
    private void store(List<Inspection> inspections, List<Upload> uploads) {
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < inspections.size(); i++) {
                Inspection inspection = inspections.get(i);
                keys.add(
                        inspection.imageKept()
                                ? images.put(inspection.id(), uploads.get(i).bytes())
                                : null);
            }
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < inspections.size(); i++) {
                    repository.insert(inspections.get(i), keys.get(i));
                    publisher.publish(inspections.get(i));
                }
            });
        } catch (IOException | RuntimeException e) {
            keys.forEach(this::removeQuietly);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    Inspection find(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    List<Inspection> search(InspectionQuery query) {
        return repository.search(query);
    }

    Inspection label(UUID id, String label) {
        Inspection inspection = find(id);
        List<String> labels = models.current(inspection.productType())
                .map(m -> m.classifier().contract().labels())
                .orElse(List.of());
        if (!labels.isEmpty() && !labels.contains(label)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "Label '" + label + "' is not one of the model's classes " + labels + ".",
                    Map.of("field", "label"));
        }
        if (!repository.label(id, label)) {
            throw notFound(id);
        }
        return find(id);
    }

    /** A heatmap and the model version that computed it (the one that made the inspection). */
    record Heatmap(BufferedImage overlay, String modelName, int modelVersion) {}

    /**
     * Occlusion heatmap over the stored image, by the model version that made the inspection (see
     * {@link ServingModels#forInspection}); only FAIL and REVIEW images are kept, and only until
     * retention deletes them.
     */
    Heatmap heatmap(UUID id) {
        Inspection inspection = find(id);
        if (inspection.imageExpiredAt() != null) {
            throw new ProblemException(
                    HttpStatus.GONE,
                    ProblemTypes.of("image-expired"),
                    "The image of inspection " + id + " was deleted by retention at " + inspection.imageExpiredAt()
                            + ".");
        }
        String key = repository
                .imageKey(id)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.NOT_FOUND,
                        "Inspection " + id + " passed; images of passed parts are not kept."));
        ServedModel served =
                models.forInspection(inspection.productType(), inspection.modelName(), inspection.modelVersion());
        try {
            byte[] bytes = images.get(key).orElseThrow(() -> notFound(id));
            BufferedImage image = decoder.decode(bytes);
            DefectClassifier classifier = served.classifier();
            float[] prepared = ImagePreparer.prepare(
                    image, classifier.contract().input(), classifier.contract().padding());
            OcclusionMap map;
            synchronized (classifier) {
                map = OcclusionMap.compute(classifier, prepared, settings.heatmapPatch(), settings.heatmapStride());
            }
            return new Heatmap(
                    HeatmapRenderer.overlay(image, map, classifier.contract().input()),
                    served.name(),
                    served.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("stored image of " + id + " no longer decodes", e);
        }
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No inspection " + id + ".");
    }

    private void removeQuietly(String key) {
        if (key != null) {
            try {
                images.delete(key);
            } catch (IOException ignored) {
                // The row was never written, so an orphaned file is harmless; nothing refers to it.
            }
        }
    }
}
