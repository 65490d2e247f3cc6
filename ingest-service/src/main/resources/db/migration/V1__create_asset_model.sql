-- The asset model: production lines, their machines and each machine's sensors. Telemetry is
-- validated against it (from an in-memory copy, never per sample).
CREATE TABLE lines (
    id          varchar(64)  PRIMARY KEY,
    name        varchar(200) NOT NULL,
    description text,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE machines (
    id              varchar(64)  PRIMARY KEY,
    -- NULL for machines auto-registered in lenient mode until someone assigns them to a line.
    line_id         varchar(64)  REFERENCES lines (id),
    type            varchar(100),
    description     text,
    auto_registered boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX machines_line_idx ON machines (line_id);

CREATE TABLE sensors (
    machine_id           varchar(64)      NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    name                 varchar(100)     NOT NULL,
    unit                 varchar(32),
    -- Physical range; NULL means unbounded on that side.
    min_value            double precision,
    max_value            double precision,
    sampling_interval_ms bigint,
    auto_registered      boolean          NOT NULL DEFAULT false,
    PRIMARY KEY (machine_id, name),
    CONSTRAINT sensors_range_ordered CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
);
