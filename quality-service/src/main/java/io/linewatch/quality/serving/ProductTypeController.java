package io.linewatch.quality.serving;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/product-types}: each known product type and the model serving it. */
@RestController
class ProductTypeController {

    private final ServingModels models;

    ProductTypeController(ServingModels models) {
        this.models = models;
    }

    @GetMapping("/api/v1/product-types")
    @PreAuthorize("hasRole('READ')")
    List<ServingModels.ProductStatus> productTypes() {
        return models.status();
    }
}
