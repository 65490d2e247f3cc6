package io.linewatch.ingest.telemetry;

import java.util.Locale;

/** Where telemetry came from; a metric tag. */
public enum Source {
    HTTP,
    MQTT;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
