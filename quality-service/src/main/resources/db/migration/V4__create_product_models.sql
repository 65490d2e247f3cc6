-- Which registry model inspects which product type, set over REST (PUT /api/v1/product-types/{type}).
-- A row here overrides linewatch.quality.models.products.<type> from configuration.
CREATE TABLE product_model (
    product_type text        PRIMARY KEY,
    model_name   text        NOT NULL,
    alias        text        NOT NULL,
    updated_by   text,
    updated_at   timestamptz NOT NULL
);
