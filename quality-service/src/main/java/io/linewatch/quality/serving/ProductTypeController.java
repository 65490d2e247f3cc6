package io.linewatch.quality.serving;

import io.linewatch.common.web.Names;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/product-types}: each known product type and the model serving it (role READ);
 * map a product type to a registry model and alias, or remove that mapping (role OPERATE). Product
 * types, model names and aliases are 1-100 characters of letters, digits, '.', '_' and '-'.
 */
@RestController
@RequestMapping("/api/v1/product-types")
class ProductTypeController {

    /** @param alias followed alias; {@code production} when absent */
    record MapRequest(String modelName, String alias) {}

    private final ServingModels models;

    ProductTypeController(ServingModels models) {
        this.models = models;
    }

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    List<ServingModels.ProductStatus> productTypes() {
        return models.status();
    }

    @PutMapping("/{productType}")
    @PreAuthorize("hasRole('OPERATE')")
    ServingModels.ProductStatus map(
            @PathVariable String productType, @RequestBody MapRequest request, Principal caller) {
        Names.require("productType", productType);
        Names.require("modelName", request.modelName());
        String alias = request.alias() == null ? "production" : Names.require("alias", request.alias());
        if (!models.registryConfigured()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    ProblemTypes.CONFLICT,
                    "Product type '" + productType + "' cannot be mapped to a registry model: this service has no"
                            + " registry client (linewatch.model-client.registry-url is not set).",
                    Map.of("productType", productType));
        }
        models.map(productType, new ProductModelSettings.ModelRef(request.modelName(), alias), caller.getName());
        return models.status(productType);
    }

    /** Removes the mapping set over REST; a mapping in configuration, if any, applies again. */
    @DeleteMapping("/{productType}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> unmap(@PathVariable String productType) {
        Names.require("productType", productType);
        if (!models.unmap(productType)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    ProblemTypes.NOT_FOUND,
                    "Product type '" + productType + "' has no mapping set over the API.",
                    Map.of("productType", productType));
        }
        return ResponseEntity.noContent().build();
    }
}
