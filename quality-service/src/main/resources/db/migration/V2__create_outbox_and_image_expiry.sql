-- Transactional outbox for InspectionCompleted: the row is written in the transaction that
-- writes the inspection, and OutboxRelay publishes it and sets sent_at.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Set when image retention deleted the kept image (image_key is cleared at the same time).
ALTER TABLE inspection ADD COLUMN image_expired_at timestamptz;
CREATE INDEX inspection_kept_images ON inspection (inspected_at) WHERE image_key IS NOT NULL;
