package io.linewatch.ingest.telemetry;

import io.linewatch.ingest.asset.AssetCatalog;
import io.linewatch.ingest.asset.KnownMachine;
import io.linewatch.ingest.asset.SensorLimits;
import io.linewatch.ingest.codec.SampleJsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One request (or MQTT message): validates each parsed row against the asset model, sends valid
 * rows on (or, atomically, holds them until the whole body proved valid), and keeps the bounded
 * error report. Not thread-safe: one session belongs to one request thread.
 */
final class IngestSession implements RowSink {

    private final TelemetrySettings settings;
    private final AssetCatalog catalog;
    private final TelemetryBackpressure backpressure;
    private final Delivery delivery;
    private final boolean atomic;
    private final boolean lenient;
    private final boolean sheddable;
    private final List<RowError> errors = new ArrayList<>();
    private final long[] rejectedByReason = new long[Reason.values().length];
    private final SampleJsonWriter json = new SampleJsonWriter();
    private List<Outgoing> held;
    private long now = System.currentTimeMillis();
    private long received;
    private long rejected;
    private long errorsOmitted;
    private long shedFromIndex = -1;
    private long malformedFromIndex = -1;
    private String malformedDetail;
    private boolean tooLarge;

    IngestSession(
            TelemetrySettings settings,
            AssetCatalog catalog,
            TelemetryBackpressure backpressure,
            TelemetryPublisher publisher,
            boolean atomic,
            boolean sheddable) {
        this.settings = settings;
        this.catalog = catalog;
        this.backpressure = backpressure;
        this.delivery = new Delivery(publisher, settings);
        this.atomic = atomic;
        this.lenient = settings.mode() == TelemetrySettings.Mode.LENIENT;
        this.sheddable = sheddable;
        if (atomic) {
            held = new ArrayList<>();
        }
    }

    @Override
    public boolean accept(RowDraft row) {
        received++;
        if ((received & 1023) == 0) {
            now = System.currentTimeMillis();
        }
        validate(row);
        if (row.rejected()) {
            reject(row.errors);
            return true;
        }
        if (atomic && held.size() >= settings.atomicMaxSamples()) {
            tooLarge = true;
            return false;
        }
        // The TelemetrySample JSON of the topic, written straight from the parsed row.
        byte[] value = json.write(row.machineId, row.ts, now, row.sensors, row.values, row.valueCount);
        Outgoing sample = new Outgoing(row.machineId, value, row.valueCount, row.index);
        if (atomic) {
            held.add(sample);
            return true;
        }
        if (!delivery.send(sample)) {
            return false;
        }
        if (sheddable && delivery.chunkBoundary() && backpressure.shouldShed()) {
            shedFromIndex = row.index + 1;
            return false;
        }
        return true;
    }

    void malformed(MalformedBodyException e) {
        malformedFromIndex = e.index;
        malformedDetail = e.getMessage();
    }

    /** Sends what atomic mode held, waits for every acknowledgement, and sums up. */
    IngestOutcome finish() {
        sendHeld();
        delivery.finish();
        return outcome();
    }

    /** For MQTT: the same, without blocking the caller on acknowledgements. */
    java.util.concurrent.CompletableFuture<IngestOutcome> finishAsync() {
        sendHeld();
        return delivery.whenAllDone().handle((ignored, e) -> {
            delivery.collectDone();
            return outcome();
        });
    }

    long received() {
        return received;
    }

    long[] rejectedByReason() {
        return rejectedByReason;
    }

    private void sendHeld() {
        if (atomic && rejected == 0 && !tooLarge && malformedFromIndex < 0) {
            for (Outgoing sample : held) {
                if (!delivery.send(sample)) {
                    break;
                }
            }
        }
    }

    private IngestOutcome outcome() {
        long accepted = delivery.acknowledgedRecords();
        long points = delivery.acknowledgedPoints();
        List<RowError> report = List.copyOf(errors);
        if (tooLarge) {
            return new IngestOutcome(
                    IngestOutcome.Status.TOO_LARGE,
                    received,
                    0,
                    0,
                    rejected,
                    report,
                    errorsOmitted,
                    0L,
                    "An atomic request may hold at most " + settings.atomicMaxSamples()
                            + " samples; nothing was accepted. Split it, or send it without atomic=true.");
        }
        if (atomic && (rejected > 0 || malformedFromIndex >= 0)) {
            return new IngestOutcome(
                    IngestOutcome.Status.ATOMIC_REJECTED,
                    received,
                    0,
                    0,
                    rejected,
                    report,
                    errorsOmitted,
                    0L,
                    (malformedDetail != null ? malformedDetail + "; " : "") + rejected
                            + " sample(s) are invalid and atomic=true: nothing was accepted.");
        }
        if (delivery.failure() != null) {
            return new IngestOutcome(
                    IngestOutcome.Status.UNAVAILABLE,
                    received,
                    accepted,
                    points,
                    rejected,
                    report,
                    errorsOmitted,
                    delivery.failedFromIndex(),
                    "Kafka did not acknowledge every sample ("
                            + delivery.failure().getClass().getSimpleName() + "): rows from index "
                            + delivery.failedFromIndex() + " on were not accepted.");
        }
        if (shedFromIndex >= 0) {
            return new IngestOutcome(
                    IngestOutcome.Status.SHED,
                    received,
                    accepted,
                    points,
                    rejected,
                    report,
                    errorsOmitted,
                    shedFromIndex,
                    "Telemetry storage is behind; rows from index " + shedFromIndex
                            + " on were not accepted. Retry after the given delay.");
        }
        if (malformedFromIndex >= 0) {
            return new IngestOutcome(
                    IngestOutcome.Status.MALFORMED,
                    received,
                    accepted,
                    points,
                    rejected,
                    report,
                    errorsOmitted,
                    malformedFromIndex,
                    malformedDetail + "; rows from index " + malformedFromIndex + " on were not read.");
        }
        IngestOutcome.Status status = rejected == 0
                ? IngestOutcome.Status.ACCEPTED
                : accepted == 0 ? IngestOutcome.Status.REJECTED : IngestOutcome.Status.PARTIALLY_ACCEPTED;
        return new IngestOutcome(status, received, accepted, points, rejected, report, errorsOmitted, null, null);
    }

    private void reject(List<RowError> rowErrors) {
        rejected++;
        rejectedByReason[rowErrors.get(0).reason().ordinal()]++;
        for (RowError error : rowErrors) {
            if (errors.size() < settings.maxErrors()) {
                errors.add(error);
            } else {
                errorsOmitted++;
            }
        }
    }

    private void validate(RowDraft row) {
        if (row.rejected()
                && row.errors.get(0).reason() == Reason.MALFORMED
                && "row".equals(row.errors.get(0).field())) {
            return; // nothing of an unreadable row is worth checking further
        }
        KnownMachine machine = null;
        if (row.machineId == null) {
            row.reject("machineId", Reason.MISSING_FIELD, "machineId is missing");
        } else if ((machine = catalog.machine(row.machineId)) == null) {
            if (!lenient) {
                row.reject(
                        "machineId",
                        Reason.UNKNOWN_MACHINE,
                        "machine '" + RowDraft.abbreviate(row.machineId) + "' is not registered");
            } else if (!AssetCatalog.isValidId(row.machineId)) {
                row.reject(
                        "machineId",
                        Reason.MALFORMED,
                        "'" + RowDraft.abbreviate(row.machineId) + "' is not a valid machine id");
            } else {
                machine = catalog.registerMachine(row.machineId);
            }
        }
        if (!row.tsPresent) {
            row.reject("ts", Reason.MISSING_FIELD, "ts is missing");
        } else if (row.ts == Timestamps.INVALID) {
            row.reject(
                    "ts",
                    Reason.INVALID_TIMESTAMP,
                    "ts must be epoch milliseconds or ISO-8601 with a zone (e.g. 2026-01-31T12:00:00.000Z)");
        } else if (row.ts < now - settings.maxPast().toMillis()) {
            row.reject("ts", Reason.TS_TOO_OLD, "ts " + row.ts + " is older than " + settings.maxPast());
        } else if (row.ts > now + settings.maxFuture().toMillis()) {
            row.reject("ts", Reason.TS_IN_FUTURE, "ts " + row.ts + " is more than " + settings.maxFuture() + " ahead");
        }
        if (row.valueCount == 0) {
            if (!row.rejected()) {
                row.reject("values", Reason.MISSING_FIELD, "the sample has no values");
            }
            return;
        }
        if (machine == null) {
            return;
        }
        for (int i = 0; i < row.valueCount; i++) {
            String sensor = row.sensors[i];
            SensorLimits limits = machine.sensor(sensor);
            if (limits == null) {
                if (!lenient) {
                    row.reject(
                            "values." + sensor,
                            Reason.UNKNOWN_SENSOR,
                            "machine '" + machine.id() + "' has no sensor '" + RowDraft.abbreviate(sensor) + "'");
                    continue;
                }
                if (!AssetCatalog.isValidId(sensor)) {
                    row.reject(
                            "values." + sensor,
                            Reason.MALFORMED,
                            "'" + RowDraft.abbreviate(sensor) + "' is not a valid sensor name");
                    continue;
                }
                limits = catalog.registerSensor(machine.id(), sensor);
            }
            double v = row.values[i];
            if (!limits.contains(v)) {
                row.reject(
                        "values." + sensor,
                        Reason.OUT_OF_RANGE,
                        v + " is outside the physical range [" + limits.min() + ", " + limits.max() + "]");
            }
        }
    }
}
