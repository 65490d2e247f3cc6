package io.linewatch.quality.serving;

import io.linewatch.common.config.RefreshingSnapshot;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The registry model of each product type: configuration ({@link ProductModelSettings}) overridden
 * by the mappings set over REST ({@code quality.product_model}). Read on the inspection path from
 * an in-memory snapshot, so an inspection costs a map look-up, not a query. A change through this
 * instance replaces the snapshot at once; one made through another instance is seen within
 * {@code linewatch.quality.models.refresh-interval}.
 */
@Component
class ProductMappings {

    /** Where a product type's mapping comes from. */
    enum Source {
        CONFIGURATION,
        API
    }

    record Mapping(ProductModelSettings.ModelRef model, Source source) {}

    private final ProductModelSettings settings;
    private final ProductModelRepository repository;
    private final Clock clock = Clock.systemUTC();
    private final RefreshingSnapshot<Map<String, Mapping>> snapshot;

    ProductMappings(ProductModelSettings settings, ProductModelRepository repository) {
        this.settings = settings;
        this.repository = repository;
        this.snapshot = new RefreshingSnapshot<>(this::load, settings.refreshInterval());
    }

    Optional<Mapping> get(String productType) {
        return Optional.ofNullable(snapshot.get().get(productType));
    }

    /** Every mapped product type and its mapping. */
    Map<String, Mapping> all() {
        return snapshot.get();
    }

    void set(String productType, ProductModelSettings.ModelRef model, String by) {
        repository.upsert(new ProductModelRepository.ProductModel(
                productType, model.modelName(), model.alias(), by, clock.instant()));
        snapshot.reload();
    }

    /** Removes the REST mapping; configuration, if it maps the type, applies again. */
    boolean remove(String productType) {
        boolean removed = repository.delete(productType);
        snapshot.reload();
        return removed;
    }

    /** Configuration, overridden by the mappings set over REST. */
    private Map<String, Mapping> load() {
        Map<String, Mapping> mappings = new HashMap<>();
        settings.products().forEach((product, ref) -> mappings.put(product, new Mapping(ref, Source.CONFIGURATION)));
        for (ProductModelRepository.ProductModel row : repository.all()) {
            mappings.put(
                    row.productType(),
                    new Mapping(new ProductModelSettings.ModelRef(row.modelName(), row.alias()), Source.API));
        }
        return Map.copyOf(mappings);
    }
}
