-- One row per training job submitted over POST /api/v1/training-jobs. The request is kept as
-- submitted (jsonb) so a job's lineage is readable without the registry; progress columns are
-- updated after every epoch.
CREATE TABLE monitor.training_jobs (
    job_id           uuid PRIMARY KEY,
    model_name       text NOT NULL,
    kind             text NOT NULL,
    state            text NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    request          jsonb NOT NULL,
    submitted_by     text,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    epoch            integer NOT NULL DEFAULT 0,
    max_epochs       integer NOT NULL,
    train_loss       double precision,
    validation_loss  double precision,
    eta_seconds      double precision,
    message          text,
    model_file       text,
    model_version    integer,
    threshold        double precision
);

CREATE INDEX training_jobs_created ON monitor.training_jobs (created_at DESC);
