package io.linewatch.quality.serving;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which registry model inspects which product type ({@code linewatch.quality.models.*}), e.g.
 * {@code linewatch.quality.models.products.tile.model-name=tile-defects}. A product type listed
 * here is known even when {@code linewatch.quality.product-types} does not name it. Needs the
 * registry client ({@code linewatch.model-client.registry-url}). Mappings set over REST
 * ({@code PUT /api/v1/product-types/{type}}) override these.
 *
 * @param refreshInterval how soon a mapping changed through another instance is seen here
 */
@Validated
@ConfigurationProperties("linewatch.quality.models")
public record ProductModelSettings(
        @DefaultValue @Valid Map<String, ModelRef> products,
        @DefaultValue("10s") @NotNull Duration refreshInterval) {

    /**
     * @param modelName registered model name
     * @param alias alias followed; the model hot-swaps when it moves
     */
    public record ModelRef(
            @NotBlank String modelName,
            @DefaultValue("production") @NotBlank String alias) {}
}
