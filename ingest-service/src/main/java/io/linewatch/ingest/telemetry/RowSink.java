package io.linewatch.ingest.telemetry;

/** Receives parsed rows in order; answering false stops the parser (the request is ending early). */
@FunctionalInterface
interface RowSink {
    boolean accept(RowDraft row);
}
