package io.linewatch.ingest.telemetry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Telemetry over HTTP (role INGEST; ADMIN implies it). Bodies are read straight from the servlet
 * stream by the streaming parsers, never bound or buffered whole, so a backfill of any size runs
 * in bounded memory. The answer comes only after Kafka acknowledged (or failed) every valid row.
 */
@RestController
@RequestMapping("/api/v1")
class TelemetryController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    static final String NDJSON_EXAMPLE = "{\"machineId\":\"press-1\",\"ts\":1767225600000,\"values\":{\"temp\":20.5}}";
    static final String CSV_EXAMPLE = "machineId,ts,temp,speed\npress-1,1767225600000,20.5,1200";
    static final String MACHINE_EXAMPLE = "{\"ts\":1767225600000,\"values\":{\"temp\":20.5}}";
    static final String DESCRIPTION = "Streams the body; answers 200 when every sample was acknowledged by Kafka, 207"
            + " when some were rejected (errors row by row), 422/400/413/429/503 problem details otherwise."
            + " atomic=true: any invalid sample rejects the whole request and nothing is sent. See docs/ingest-api.md.";
    static final String JSON_EXAMPLE =
            "[{\"machineId\":\"press-1\",\"ts\":\"2026-01-31T12:00:00.000Z\",\"values\":{\"temp\":20.5,\"speed\":1200}}]";

    private static final Logger log = LoggerFactory.getLogger(TelemetryController.class);

    private final TelemetryIngestor ingestor;

    TelemetryController(TelemetryIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @PostMapping(
            path = "/telemetry",
            consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON, CSV})
    @PreAuthorize("hasRole('INGEST')")
    @Operation(summary = "Ingest samples as a JSON array, NDJSON or CSV", description = DESCRIPTION)
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/json", examples = @ExampleObject(value = JSON_EXAMPLE)),
                @Content(mediaType = NDJSON, examples = @ExampleObject(value = NDJSON_EXAMPLE)),
                @Content(mediaType = CSV, examples = @ExampleObject(value = CSV_EXAMPLE))
            })
    ResponseEntity<Object> telemetry(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return switch (format(request)) {
            case "csv" ->
                ingest(request, atomic, "csv", (body, session) -> CsvSamples.parse(reader(body, request), session));
            case "ndjson" ->
                ingest(
                        request,
                        atomic,
                        "ndjson",
                        (body, session) -> JsonSamples.parseNdjson(reader(body, request), null, session));
            default ->
                ingest(request, atomic, "json", (body, session) -> JsonSamples.parseDocument(body, null, session));
        };
    }

    @PostMapping(
            path = "/machines/{machineId}/telemetry",
            consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @PreAuthorize("hasRole('INGEST')")
    @Operation(
            summary = "Ingest one sample object, an array, or NDJSON for one machine (no machineId needed)",
            description = DESCRIPTION)
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/json", examples = @ExampleObject(value = MACHINE_EXAMPLE)),
                @Content(mediaType = NDJSON, examples = @ExampleObject(value = MACHINE_EXAMPLE))
            })
    ResponseEntity<Object> machineTelemetry(
            @PathVariable String machineId,
            HttpServletRequest request,
            @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        if (format(request).equals("ndjson")) {
            return ingest(
                    request,
                    atomic,
                    "ndjson",
                    (body, session) -> JsonSamples.parseNdjson(reader(body, request), machineId, session));
        }
        return ingest(request, atomic, "json", (body, session) -> JsonSamples.parseDocument(body, machineId, session));
    }

    /** The mapping's {@code consumes} already admitted only the supported types. */
    private static String format(HttpServletRequest request) {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        if (type.isCompatibleWith(MediaType.parseMediaType(CSV))) {
            return "csv";
        }
        return type.isCompatibleWith(MediaType.parseMediaType(NDJSON)) ? "ndjson" : "json";
    }

    private ResponseEntity<Object> ingest(HttpServletRequest request, boolean atomic, String format, Parser parser)
            throws IOException {
        if (ingestor.shedding()) {
            return TelemetryResponses.of(ingestor.shedBeforeReading(), ingestor.settings());
        }
        CountingInputStream body = new CountingInputStream(request.getInputStream());
        IngestSession session = ingestor.open(atomic, true);
        try {
            parser.parse(body, session);
        } catch (MalformedBodyException e) {
            session.malformed(e);
        } catch (IOException e) {
            // The client went away or the connection broke: report what was and was not taken.
            log.debug("Telemetry body read failed after {} bytes: {}", body.count(), e.toString());
            session.malformed(
                    new MalformedBodyException(session.received(), "the body could not be read: " + e.getMessage()));
        }
        return TelemetryResponses.of(ingestor.finish(session, format, body), ingestor.settings());
    }

    private static Reader reader(java.io.InputStream body, HttpServletRequest request) {
        String encoding = request.getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new InputStreamReader(body, charset);
    }

    @FunctionalInterface
    private interface Parser {
        void parse(java.io.InputStream body, IngestSession session) throws IOException;
    }
}
