package io.linewatch.monitor.anomaly;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/anomalies}: anomaly episodes, newest first, filtered by machine, line, state and time. */
@RestController
@RequestMapping("/api/v1/anomalies")
class AnomalyController {

    static final int MAX_LIMIT = 1000;

    private final AnomalyRepository repository;

    AnomalyController(AnomalyRepository repository) {
        this.repository = repository;
    }

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    List<Anomaly> list(
            @RequestParam(required = false) String machine,
            @RequestParam(required = false) String line,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false, defaultValue = "100") String limit) {
        if (state != null && !state.equals(Anomaly.OPEN) && !state.equals(Anomaly.CLEARED)) {
            throw invalid("state", "state must be OPEN or CLEARED, got '" + state + "'");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw invalid("from", "from must be before to");
        }
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw invalid("limit", "limit must be an integer, got '" + limit + "'");
        }
        if (max < 1 || max > MAX_LIMIT) {
            throw invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + max);
        }
        return repository.find(new AnomalyQuery(machine, line, state, start, end, max));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(
                    name, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'");
        }
    }

    private static ProblemException invalid(String parameter, String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail, Map.of("parameter", parameter));
    }
}
