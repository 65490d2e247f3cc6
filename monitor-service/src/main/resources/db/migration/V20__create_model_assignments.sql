-- Which registry model (name + alias) scores which machine; scope MACHINE beats scope TYPE.
CREATE TABLE monitor.model_assignments (
    scope       TEXT        NOT NULL CHECK (scope IN ('MACHINE', 'TYPE')),
    target      TEXT        NOT NULL,
    model_name  TEXT        NOT NULL,
    alias       TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, target)
);

-- Machine types declared over the API (configuration can declare more; this table wins).
CREATE TABLE monitor.machine_types (
    machine_id   TEXT        PRIMARY KEY,
    machine_type TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
