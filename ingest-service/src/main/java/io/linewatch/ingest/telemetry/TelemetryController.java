package io.linewatch.ingest.telemetry;

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

    private static final Logger log = LoggerFactory.getLogger(TelemetryController.class);

    private final TelemetryIngestor ingestor;

    TelemetryController(TelemetryIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @PostMapping(path = "/telemetry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('INGEST')")
    ResponseEntity<Object> json(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return ingest(request, atomic, "json", (body, session) -> JsonSamples.parseDocument(body, null, session));
    }

    @PostMapping(path = "/telemetry", consumes = NDJSON)
    @PreAuthorize("hasRole('INGEST')")
    ResponseEntity<Object> ndjson(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return ingest(
                request,
                atomic,
                "ndjson",
                (body, session) -> JsonSamples.parseNdjson(reader(body, request), null, session));
    }

    @PostMapping(path = "/telemetry", consumes = "text/csv")
    @PreAuthorize("hasRole('INGEST')")
    ResponseEntity<Object> csv(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return ingest(request, atomic, "csv", (body, session) -> CsvSamples.parse(reader(body, request), session));
    }

    @PostMapping(path = "/machines/{machineId}/telemetry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('INGEST')")
    ResponseEntity<Object> machineJson(
            @PathVariable String machineId,
            HttpServletRequest request,
            @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return ingest(request, atomic, "json", (body, session) -> JsonSamples.parseDocument(body, machineId, session));
    }

    @PostMapping(path = "/machines/{machineId}/telemetry", consumes = NDJSON)
    @PreAuthorize("hasRole('INGEST')")
    ResponseEntity<Object> machineNdjson(
            @PathVariable String machineId,
            HttpServletRequest request,
            @RequestParam(defaultValue = "false") boolean atomic)
            throws IOException {
        return ingest(
                request,
                atomic,
                "ndjson",
                (body, session) -> JsonSamples.parseNdjson(reader(body, request), machineId, session));
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
