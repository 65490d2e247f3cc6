package io.linewatch.quality.serving;

import io.linewatch.common.registry.LiveModel;
import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.quality.inspection.InspectionSettings;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The model of each product type: the registry model mapped to it ({@link ProductMappings}: over
 * REST, else in {@link ProductModelSettings}; one {@link LiveModel} per model and alias, shared by
 * the product types mapped to it and hot-swapped by the registry client when the alias moves),
 * else the local bundle at {@code linewatch.quality.model-path}, else none. The configured review
 * band, when set, replaces the band of every model served.
 */
@Component
public class ServingModels {

    private static final int OLDER_VERSIONS_KEPT = 2;
    private static final Duration OLDER_VERSION_LOAD_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How a product type is served, for {@code GET /api/v1/product-types}.
     *
     * @param source {@code registry}, {@code local} or {@code none}
     * @param mappedBy for a registry model: {@code api} (set over REST) or {@code configuration}
     */
    public record ProductStatus(
            String productType,
            String source,
            String mappedBy,
            String modelName,
            String alias,
            Integer servingVersion,
            String lastFailure) {}

    private final InspectionSettings settings;
    private final ProductMappings mappings;
    private final ModelRegistryClient registry;
    private final ServedModel local;
    private final Map<ProductModelSettings.ModelRef, LiveModel<DefectClassifier>> live = new ConcurrentHashMap<>();

    /** Versions loaded for {@link #forInspection} that no alias serves, least recently used first. */
    private final Map<String, ServedModel> older = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServedModel> eldest) {
            return size() > OLDER_VERSIONS_KEPT;
        }
    };

    ServingModels(InspectionSettings settings, ProductMappings mappings, ObjectProvider<ModelRegistryClient> registry) {
        this.settings = settings;
        this.mappings = mappings;
        this.registry = registry.getIfAvailable();
        this.local = loadLocal(settings);
    }

    /** Starts loading every mapped model at startup, before the first inspection asks for it. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        mappings.all().values().forEach(m -> live(m.model()));
    }

    /** Whether registry models can be served at all (a registry client is configured). */
    boolean registryConfigured() {
        return registry != null;
    }

    /**
     * Maps {@code productType} to a registry model and starts loading it; it serves once loaded.
     * Other instances pick the mapping up within the refresh interval.
     */
    void map(String productType, ProductModelSettings.ModelRef model, String by) {
        mappings.set(productType, model, by);
        live(model);
    }

    /** Removes a mapping set over REST; false when there was none. */
    boolean unmap(String productType) {
        return mappings.remove(productType);
    }

    /** The subscription of a model and alias, started on first use; null without a registry client. */
    private LiveModel<DefectClassifier> live(ProductModelSettings.ModelRef ref) {
        if (registry == null) {
            return null;
        }
        return live.computeIfAbsent(
                ref,
                r -> registry.subscribe(
                        r.modelName(), r.alias(), new ClassifierLoader(this::withBand, settings.foldBatchNorm())));
    }

    /**
     * The model to inspect {@code productType} with; a 400 problem for an unknown product type, a
     * 503 {@code no-model} problem when none is loaded (yet).
     */
    public ServedModel forProduct(String productType) {
        if (!knownProductTypes().contains(productType)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "Unknown product type '" + productType + "'; known: " + knownProductTypes() + ".",
                    Map.of("field", "productType"));
        }
        return current(productType).orElseThrow(() -> noModel(productType));
    }

    /** The model serving a known product type now, if any. */
    public Optional<ServedModel> current(String productType) {
        Optional<ProductMappings.Mapping> mapping = mappings.get(productType);
        if (mapping.isEmpty()) {
            return Optional.ofNullable(local);
        }
        LiveModel<DefectClassifier> model = live(mapping.get().model());
        return model == null
                ? Optional.empty()
                : model.current()
                        .map(m -> new ServedModel(
                                m.model(), m.info().modelName(), m.info().version()));
    }

    /**
     * The model that made an inspection, so an explanation shows where that model looked: the model
     * serving now when its name and version match; else, for a registry version, that version
     * loaded from the registry (the last {@value #OLDER_VERSIONS_KEPT} such versions stay loaded).
     * A 409 {@code model-unavailable} problem when it cannot be had: a replaced local bundle, no
     * registry client, or a version the registry no longer has or cannot load.
     */
    public ServedModel forInspection(String productType, String modelName, int version) {
        Optional<ServedModel> now = current(productType);
        if (now.isPresent() && now.get().name().equals(modelName) && now.get().version() == version) {
            return now.get();
        }
        if (version <= 0 || registry == null) {
            throw unavailable(
                    modelName,
                    version,
                    version <= 0
                            ? "it was a local bundle file that has since been replaced"
                            : "no registry client is configured (linewatch.model-client.registry-url)");
        }
        String key = modelName + " v" + version;
        synchronized (older) {
            ServedModel kept = older.get(key);
            if (kept != null) {
                return kept;
            }
            try {
                ServedModel loaded = registry.load(
                                modelName,
                                version,
                                new ClassifierLoader(this::withBand, settings.foldBatchNorm()),
                                OLDER_VERSION_LOAD_TIMEOUT)
                        .map(classifier -> new ServedModel(classifier, modelName, version))
                        .orElseThrow(() -> unavailable(modelName, version, "the registry has no such version"));
                older.put(key, loaded);
                return loaded;
            } catch (IOException e) {
                throw unavailable(modelName, version, e.getMessage());
            }
        }
    }

    private static ProblemException unavailable(String modelName, int version, String why) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                ProblemTypes.of("model-unavailable"),
                "The model that made this inspection (" + modelName + " v" + version + ") cannot be loaded: " + why
                        + ".",
                Map.of("modelName", modelName, "modelVersion", version));
    }

    public List<String> knownProductTypes() {
        TreeSet<String> known = new TreeSet<>(settings.productTypes());
        known.addAll(mappings.all().keySet());
        return List.copyOf(known);
    }

    public List<ProductStatus> status() {
        return knownProductTypes().stream().map(this::status).toList();
    }

    ProductStatus status(String product) {
        Optional<ProductMappings.Mapping> mapping = mappings.get(product);
        if (mapping.isEmpty()) {
            return new ProductStatus(
                    product,
                    local == null ? "none" : "local",
                    null,
                    local == null ? null : local.name(),
                    null,
                    local == null ? null : 0,
                    null);
        }
        ProductModelSettings.ModelRef ref = mapping.get().model();
        LiveModel<DefectClassifier> model = live(ref);
        return new ProductStatus(
                product,
                "registry",
                mapping.get().source() == ProductMappings.Source.API ? "api" : "configuration",
                ref.modelName(),
                ref.alias(),
                model == null
                        ? null
                        : model.current().map(m -> m.info().version()).orElse(null),
                model == null
                        ? "no registry client (linewatch.model-client.registry-url is not set)"
                        : model.lastFailure().orElse(null));
    }

    private ProblemException noModel(String productType) {
        Optional<ProductMappings.Mapping> mapping = mappings.get(productType);
        String detail;
        if (mapping.isEmpty()) {
            detail = "No production model for product type '" + productType
                    + "': none is mapped (PUT /api/v1/product-types/" + productType
                    + " or linewatch.quality.models.products) and no local bundle is configured"
                    + " (linewatch.quality.model-path).";
        } else {
            ProductModelSettings.ModelRef ref = mapping.get().model();
            LiveModel<DefectClassifier> model = live(ref);
            detail = model == null
                    ? "No production model for product type '" + productType + "': " + ref.modelName() + "@"
                            + ref.alias() + " is mapped but the registry client is not configured."
                    : "No production model for product type '" + productType + "': " + ref.modelName() + "@"
                            + ref.alias() + " is not loaded ("
                            + model.lastFailure().orElse("it is still loading") + ").";
        }
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.of("no-model"),
                detail,
                Map.of("productType", productType));
    }

    /** Replaces the bundle's review band with the configured one, where set. */
    ModelBundle withBand(ModelBundle bundle) {
        if (settings.reviewLow() == null && settings.reviewHigh() == null) {
            return bundle;
        }
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
        return new ModelBundle(bundle.network(), contract);
    }

    private ServedModel loadLocal(InspectionSettings settings) {
        if (settings.modelPath() == null || !Files.isRegularFile(settings.modelPath())) {
            return null;
        }
        try {
            ModelBundle bundle = withBand(io.linewatch.quality.model.RegistryArtifact.read(settings.modelPath()));
            String file = settings.modelPath().getFileName().toString();
            String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            return new ServedModel(new DefectClassifier(bundle, settings.foldBatchNorm()), name, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model bundle " + settings.modelPath(), e);
        }
    }
}
