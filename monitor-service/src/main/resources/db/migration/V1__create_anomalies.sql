-- One row per anomaly episode of one machine: opened when its health state enters ALARM,
-- closed when it returns to OK. top_sensors holds [{"sensor": ..., "share": ...}] at the peak.
CREATE TABLE monitor.anomalies (
    anomaly_id    uuid PRIMARY KEY,
    machine_id    text NOT NULL,
    line_id       text,
    state         text NOT NULL CHECK (state IN ('OPEN', 'CLEARED')),
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    peak_score    double precision NOT NULL,
    threshold     double precision NOT NULL,
    top_sensors   jsonb NOT NULL,
    model_name    text NOT NULL,
    model_version integer NOT NULL
);

CREATE INDEX anomalies_machine_started ON monitor.anomalies (machine_id, started_at DESC);
CREATE INDEX anomalies_started ON monitor.anomalies (started_at DESC);
