-- Training jobs started over REST: what was asked, where they are, and what they registered.
CREATE TABLE training_job (
    id                 uuid PRIMARY KEY,
    model_name         text        NOT NULL,
    source             text        NOT NULL CHECK (source IN ('FOLDER', 'RELABELLED')),
    request            jsonb       NOT NULL,
    state              text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    progress           jsonb,
    registered_version integer,
    metrics            jsonb,
    error              text,
    created_by         text,
    created_at         timestamptz NOT NULL,
    started_at         timestamptz,
    finished_at        timestamptz
);
CREATE INDEX training_job_created ON training_job (created_at DESC);
