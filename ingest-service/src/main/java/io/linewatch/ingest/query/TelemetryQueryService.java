package io.linewatch.ingest.query;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.ingest.query.TelemetrySeries.Bucket;
import io.linewatch.ingest.query.TelemetrySeries.Sample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers a validated query. A machine with no stored telemetry is a 404 (the client most
 * likely has the id wrong); a known machine with nothing in the range is an empty list; a sensor
 * never stored for the machine is a 400 naming it, so typos are not mistaken for silence.
 */
@Service
class TelemetryQueryService {

    private final TelemetryQueryRepository repository;

    TelemetryQueryService(TelemetryQueryRepository repository) {
        this.repository = repository;
    }

    Object query(TelemetryQuery query) {
        Map<String, Integer> sensors = sensors(query);
        if (query.downsampled()) {
            List<Bucket> buckets = repository.downsampled(query, sensors, query.limit() + 1);
            boolean truncated = buckets.size() > query.limit();
            List<Bucket> page = truncated ? buckets.subList(0, query.limit()) : buckets;
            return new TelemetrySeries.Downsampled(
                    query.machineId(),
                    query.from(),
                    query.to(),
                    query.step().toString(),
                    query.aggregates().stream().map(Aggregate::key).toList(),
                    List.copyOf(sensors.keySet()),
                    query.limit(),
                    truncated,
                    truncated ? page.get(page.size() - 1).ts().plus(query.step()) : null,
                    page);
        }
        List<Sample> samples = repository.raw(query, sensors, query.limit() + 1);
        boolean truncated = samples.size() > query.limit();
        List<Sample> page = truncated ? samples.subList(0, query.limit()) : samples;
        return new TelemetrySeries.Raw(
                query.machineId(),
                query.from(),
                query.to(),
                List.copyOf(sensors.keySet()),
                query.limit(),
                truncated,
                truncated ? page.get(page.size() - 1).ts().plus(Duration.ofMillis(1)) : null,
                page);
    }

    private Map<String, Integer> sensors(TelemetryQuery query) {
        Map<String, Integer> all = repository.slots(query.machineId());
        if (all.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    ProblemTypes.NOT_FOUND,
                    "No telemetry has been stored for machine '" + query.machineId() + "'.",
                    Map.of("machineId", query.machineId()));
        }
        if (query.sensors().isEmpty()) {
            return all;
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (String sensor : query.sensors()) {
            Integer slot = all.get(sensor);
            if (slot == null) {
                throw QueryParameters.invalid(
                        "sensors",
                        "names '" + sensor + "', which has never been stored for machine '" + query.machineId()
                                + "' (known: " + String.join(", ", all.keySet()) + ")");
            }
            chosen.put(sensor, slot);
        }
        return chosen;
    }
}
