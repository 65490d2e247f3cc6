-- One row per inspected image. image_key is set only for FAIL and REVIEW images (kept in the
-- image store for relabelling); label is a person's correction of the model's defect class.
CREATE TABLE inspection (
    id            uuid PRIMARY KEY,
    line_id       text             NOT NULL,
    station_id    text             NOT NULL,
    product_type  text             NOT NULL,
    serial        text             NOT NULL,
    verdict       text             NOT NULL CHECK (verdict IN ('PASS', 'FAIL', 'REVIEW')),
    defect_class  text             NOT NULL,
    confidence    double precision NOT NULL,
    p_defect      double precision,
    probabilities jsonb            NOT NULL,
    model_name    text             NOT NULL,
    model_version integer          NOT NULL,
    latency_ms    double precision NOT NULL,
    image_key     text,
    label         text,
    labelled_at   timestamptz,
    inspected_at  timestamptz      NOT NULL
);

CREATE INDEX inspection_line_time ON inspection (line_id, inspected_at DESC);
CREATE INDEX inspection_station_time ON inspection (station_id, inspected_at DESC);
CREATE INDEX inspection_product_time ON inspection (product_type, inspected_at DESC);
CREATE INDEX inspection_verdict_time ON inspection (verdict, inspected_at DESC);
