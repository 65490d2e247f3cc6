package io.linewatch.ingest.telemetry;

import io.linewatch.common.web.ProblemTypes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Maps an {@link IngestOutcome} to HTTP: 200 all accepted, 207 some rows rejected, and problem
 * details otherwise (422 nothing valid / atomic rejection, 413 atomic too large, 400 malformed
 * body, 503 Kafka unavailable, 429 backpressure), each carrying the same counters, the row
 * errors and, where the request ended early, {@code firstUnacceptedIndex}.
 */
final class TelemetryResponses {

    /** Problem type for requests whose rows were rejected by validation. */
    static final URI REJECTED = ProblemTypes.of("telemetry-rejected");

    private TelemetryResponses() {}

    static ResponseEntity<Object> of(IngestOutcome outcome, TelemetrySettings settings) {
        return switch (outcome.status()) {
            case ACCEPTED -> ResponseEntity.ok(body(outcome));
            case PARTIALLY_ACCEPTED ->
                ResponseEntity.status(HttpStatus.MULTI_STATUS).body(body(outcome));
            case REJECTED ->
                problem(
                        outcome,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        REJECTED,
                        "None of the " + outcome.received() + " sample(s) is valid; see errors.",
                        null);
            case ATOMIC_REJECTED ->
                problem(outcome, HttpStatus.UNPROCESSABLE_CONTENT, REJECTED, outcome.detail(), null);
            case TOO_LARGE ->
                problem(outcome, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, outcome.detail(), null);
            case MALFORMED ->
                problem(outcome, HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, outcome.detail(), null);
            case UNAVAILABLE ->
                problem(
                        outcome,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.UNAVAILABLE,
                        outcome.detail(),
                        settings.retryAfter());
            case SHED ->
                problem(
                        outcome,
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemTypes.OVERLOADED,
                        outcome.detail(),
                        settings.retryAfter());
        };
    }

    private static Map<String, Object> body(IngestOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome.status().code());
        body.put("received", outcome.received());
        body.put("accepted", outcome.accepted());
        body.put("acceptedPoints", outcome.acceptedPoints());
        body.put("rejected", outcome.rejected());
        body.put("errors", outcome.errors());
        body.put("errorsOmitted", outcome.errorsOmitted());
        if (outcome.firstUnacceptedIndex() != null) {
            body.put("firstUnacceptedIndex", outcome.firstUnacceptedIndex());
        }
        return body;
    }

    private static ResponseEntity<Object> problem(
            IngestOutcome outcome, HttpStatusCode status, URI type, String detail, java.time.Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        body(outcome).forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response.body(problem);
    }
}
