-- Registered models, their versions, aliases with an audit history, and the event outbox.

CREATE TABLE registered_model (
    name         TEXT PRIMARY KEY,
    description  TEXT,
    task         TEXT NOT NULL,
    tags         JSONB NOT NULL DEFAULT '{}'::jsonb,
    next_version INT NOT NULL DEFAULT 1,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX registered_model_task ON registered_model (task);
CREATE INDEX registered_model_tags ON registered_model USING GIN (tags);

CREATE TABLE model_version (
    model_name      TEXT NOT NULL REFERENCES registered_model (name),
    version         INT NOT NULL,
    sha256          CHAR(64) NOT NULL,
    size_bytes      BIGINT NOT NULL,
    -- sha256 of the bytes the client uploaded (differs from sha256 for Keras imports); makes a
    -- re-upload of identical content idempotent.
    upload_sha256   CHAR(64) NOT NULL,
    framework       TEXT NOT NULL,
    format          TEXT NOT NULL,
    origin          TEXT NOT NULL,
    description     TEXT,
    contract        JSONB NOT NULL,
    normalizer      JSONB,
    thresholds      JSONB,
    metrics         JSONB,
    hyperparameters JSONB,
    training_data   JSONB,
    tags            JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model_name, version),
    UNIQUE (model_name, upload_sha256)
);
CREATE INDEX model_version_sha256 ON model_version (sha256);

CREATE TABLE model_alias (
    model_name TEXT NOT NULL,
    alias      TEXT NOT NULL,
    version    INT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model_name, alias),
    -- A version an alias points at cannot be deleted (the API answers 409 before this fires).
    FOREIGN KEY (model_name, version) REFERENCES model_version (model_name, version)
);

CREATE TABLE alias_history (
    id           BIGSERIAL PRIMARY KEY,
    model_name   TEXT NOT NULL,
    alias        TEXT NOT NULL,
    from_version INT,
    to_version   INT,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX alias_history_model ON alias_history (model_name, alias, id);

-- Written in the same transaction as the change it announces; the relay publishes and marks it.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT NOT NULL,
    message_key TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
