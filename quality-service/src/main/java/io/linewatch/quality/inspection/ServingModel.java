package io.linewatch.quality.inspection;

import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The model inspections run on: for now the bundle file at {@code linewatch.quality.model-path},
 * loaded once at start. Its name is the file name; local bundles have version 0 until the model
 * registry serves numbered versions. The configured review band, when set, replaces the bundle's.
 */
@Component
class ServingModel {

    /** A loaded model; the classifier is used under its own lock because DL4J output() is synchronized anyway. */
    record Loaded(DefectClassifier classifier, String name, int version) {}

    private final Loaded loaded;

    ServingModel(InspectionSettings settings) {
        this.loaded = load(settings);
    }

    Optional<Loaded> current() {
        return Optional.ofNullable(loaded);
    }

    private static Loaded load(InspectionSettings settings) {
        if (settings.modelPath() == null || !Files.isRegularFile(settings.modelPath())) {
            return null;
        }
        try {
            ModelBundle bundle = ModelBundle.load(settings.modelPath());
            ModelContract c = bundle.contract();
            double low = settings.reviewLow() != null ? settings.reviewLow() : c.reviewLow();
            double high = settings.reviewHigh() != null ? settings.reviewHigh() : c.reviewHigh();
            ModelContract contract = new ModelContract(
                    c.formatVersion(),
                    c.labels(),
                    c.input(),
                    c.mean(),
                    c.std(),
                    c.goodClasses(),
                    Math.min(Math.max(c.defectThreshold(), low), high),
                    low,
                    high,
                    c.metrics(),
                    c.training());
            String file = settings.modelPath().getFileName().toString();
            String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            return new Loaded(new DefectClassifier(new ModelBundle(bundle.network(), contract)), name, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model bundle " + settings.modelPath(), e);
        }
    }
}
