-- API keys shared by every LineWatch service of one plant. Only hashes are stored.
CREATE TABLE api_keys (
    id          text PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    bytea       NOT NULL,
    roles       text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    revoked_at  timestamptz
);
