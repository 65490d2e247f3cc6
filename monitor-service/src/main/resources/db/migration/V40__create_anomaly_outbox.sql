-- Transactional outbox for AnomalyDetected / AnomalyCleared: an event row is written in the
-- transaction that opens or closes its monitor.anomalies row, and AnomalyOutboxRelay publishes it
-- (key = machine) and sets sent_at. event_id is derived from the anomaly, so the same transition
-- scored again after a redelivery adds no second row.
CREATE TABLE monitor.anomaly_outbox (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX anomaly_outbox_unsent ON monitor.anomaly_outbox (id) WHERE sent_at IS NULL;
