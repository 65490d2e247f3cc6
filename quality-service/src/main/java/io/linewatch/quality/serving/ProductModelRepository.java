package io.linewatch.quality.serving;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code quality.product_model}: product type -> model mappings set over REST. */
@Repository
class ProductModelRepository {

    /** One mapping as stored. */
    record ProductModel(String productType, String modelName, String alias, String updatedBy, Instant updatedAt) {}

    private final JdbcClient jdbc;

    ProductModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ProductModel> all() {
        return jdbc.sql("SELECT product_type, model_name, alias, updated_by, updated_at FROM product_model"
                        + " ORDER BY product_type")
                .query((rs, row) -> new ProductModel(
                        rs.getString("product_type"),
                        rs.getString("model_name"),
                        rs.getString("alias"),
                        rs.getString("updated_by"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    void upsert(ProductModel mapping) {
        jdbc.sql("""
                        INSERT INTO product_model (product_type, model_name, alias, updated_by, updated_at)
                        VALUES (:product, :model, :alias, :by, :at)
                        ON CONFLICT (product_type) DO UPDATE SET model_name = EXCLUDED.model_name,
                            alias = EXCLUDED.alias, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                        """)
                .param("product", mapping.productType())
                .param("model", mapping.modelName())
                .param("alias", mapping.alias())
                .param("by", mapping.updatedBy())
                .param("at", Timestamp.from(mapping.updatedAt()))
                .update();
    }

    boolean delete(String productType) {
        return jdbc.sql("DELETE FROM product_model WHERE product_type = :product")
                        .param("product", productType)
                        .update()
                > 0;
    }
}
