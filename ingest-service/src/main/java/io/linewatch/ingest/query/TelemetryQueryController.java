package io.linewatch.ingest.query;

import java.time.Clock;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads stored telemetry of one machine; needs the READ role. */
@RestController
class TelemetryQueryController {

    private final TelemetryQueryService service;
    private final QuerySettings settings;
    private final Clock clock = Clock.systemUTC();

    TelemetryQueryController(TelemetryQueryService service, QuerySettings settings) {
        this.service = service;
        this.settings = settings;
    }

    /**
     * Samples with {@code from <= ts < to} (ISO-8601 or epoch ms; default: the last hour), for the
     * comma-separated {@code sensors} (default all), at most {@code limit}. With {@code step}
     * (10s, 1m, 1h, PT1M ...) returns per-bucket {@code agg} (avg,min,max; default all three).
     */
    @GetMapping("/api/v1/machines/{machineId}/telemetry")
    @PreAuthorize("hasRole('READ')")
    Object telemetry(
            @PathVariable String machineId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> sensors,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String step,
            @RequestParam(required = false) String agg) {
        return service.query(QueryParameters.parse(machineId, from, to, sensors, limit, step, agg, settings, clock));
    }
}
