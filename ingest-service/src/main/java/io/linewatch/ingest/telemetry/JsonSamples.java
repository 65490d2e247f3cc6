package io.linewatch.ingest.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Streams samples {@code {machineId, ts, values: {sensor: number}}} out of a JSON array, a single
 * JSON object, or NDJSON, token by token: no tree, no databinding, one row in memory at a time.
 * NaN/Infinity literals are read (and then rejected as non-finite) rather than failing the body.
 */
final class JsonSamples {

    /** More values than this in one sample is treated as a malformed row. */
    static final int MAX_VALUES = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JsonSamples() {}

    /**
     * A JSON array of samples or one sample object. {@code fixedMachineId} (the per-machine
     * endpoint, MQTT) is used when a sample has no machineId.
     */
    static void parseDocument(InputStream body, String fixedMachineId, RowSink sink) {
        long index = 0;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                RowDraft row = new RowDraft(0, 8);
                readObject(p, row, fixedMachineId);
                index = 1;
                sink.accept(row);
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new MalformedBodyException(index, "the JSON array is not closed");
                    }
                    RowDraft row = new RowDraft(index, 8);
                    if (t == JsonToken.START_OBJECT) {
                        readObject(p, row, fixedMachineId);
                    } else {
                        p.skipChildren();
                        row.reject("row", Reason.MALFORMED, "a sample must be a JSON object, found " + t);
                    }
                    index++;
                    if (!sink.accept(row)) {
                        return;
                    }
                }
            } else {
                throw new MalformedBodyException(0, "the body must be a JSON array of samples or one sample object");
            }
            if (p.nextToken() != null) {
                throw new MalformedBodyException(index, "unexpected content after the JSON document");
            }
        } catch (JacksonException e) {
            throw new MalformedBodyException(index, "invalid JSON at sample " + index + ": " + e.getOriginalMessage());
        }
    }

    /** One sample object per line; a bad line is a rejected row, not the end of the body. */
    static void parseNdjson(Reader body, String fixedMachineId, RowSink sink) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(body, CsvSamples.MAX_LINE);
        long index = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            RowDraft row = new RowDraft(index++, 8);
            if (line == BoundedLineReader.TOO_LONG) {
                row.reject("row", Reason.MALFORMED, "line longer than " + CsvSamples.MAX_LINE + " characters");
            } else {
                parseLine(line, fixedMachineId, row);
            }
            if (!sink.accept(row)) {
                return;
            }
        }
    }

    private static void parseLine(String line, String fixedMachineId, RowDraft row) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                row.reject("row", Reason.MALFORMED, "a line must hold one JSON object");
                return;
            }
            readObject(p, row, fixedMachineId);
            if (p.nextToken() != null) {
                row.reject("row", Reason.MALFORMED, "unexpected content after the JSON object");
            }
        } catch (JacksonException e) {
            row.reject("row", Reason.MALFORMED, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads one sample; the parser is on START_OBJECT and ends on its END_OBJECT. */
    static void readObject(JsonParser p, RowDraft row, String fixedMachineId) {
        boolean hasValues = false;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "machineId" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        row.machineId = p.getString();
                    } else {
                        p.skipChildren();
                        row.reject("machineId", Reason.MALFORMED, "machineId must be a string");
                    }
                }
                case "ts" -> readTs(p, t, row);
                case "values" -> {
                    hasValues = true;
                    readValues(p, t, row);
                }
                default -> p.skipChildren();
            }
        }
        if (fixedMachineId != null) {
            if (row.machineId == null) {
                row.machineId = fixedMachineId;
            } else if (!row.machineId.equals(fixedMachineId)) {
                row.reject(
                        "machineId",
                        Reason.MACHINE_MISMATCH,
                        "machineId '" + RowDraft.abbreviate(row.machineId) + "' differs from '" + fixedMachineId
                                + "' of the URL or topic");
            }
        }
        if (!hasValues) {
            row.reject("values", Reason.MISSING_FIELD, "values is missing");
        }
    }

    private static void readTs(JsonParser p, JsonToken t, RowDraft row) {
        row.tsPresent = true;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                row.ts = Timestamps.INVALID;
            } else {
                row.ts = p.getLongValue();
            }
        } else if (t == JsonToken.VALUE_STRING) {
            row.ts = Timestamps.parse(p.getString());
        } else {
            p.skipChildren();
            row.ts = Timestamps.INVALID;
        }
    }

    private static void readValues(JsonParser p, JsonToken t, RowDraft row) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            row.reject("values", Reason.MALFORMED, "values must be an object of sensor name to number");
            return;
        }
        String sensor;
        while ((sensor = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (row.valueCount >= MAX_VALUES) {
                p.skipChildren();
                if (!row.rejected()) {
                    row.reject("values", Reason.MALFORMED, "more than " + MAX_VALUES + " values in one sample");
                }
                continue;
            }
            switch (v) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.putValue(sensor, p.getDoubleValue());
                case VALUE_STRING -> row.rejectNonNumber(sensor, p.getString());
                default -> {
                    p.skipChildren();
                    row.reject(
                            "values." + sensor,
                            Reason.NOT_NUMERIC,
                            v.asString() == null ? "not a number" : v.asString() + " is not a number");
                }
            }
        }
    }
}
