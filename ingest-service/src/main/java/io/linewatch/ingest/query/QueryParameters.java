package io.linewatch.ingest.query;

import io.linewatch.common.web.ProblemDetailsAdvice.FieldProblem;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Parses and validates the query parameters, answering every mistake with a 400 problem that
 * names the parameter. Times are ISO-8601 instants or epoch milliseconds (Grafana's
 * {@code ${__from}}); steps are {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO-8601
 * ({@code PT1M}).
 */
final class QueryParameters {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");

    private QueryParameters() {}

    static TelemetryQuery parse(
            String machineId,
            String from,
            String to,
            List<String> sensors,
            Integer limit,
            String step,
            String agg,
            QuerySettings settings,
            Clock clock) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(settings.defaultRange()) : instant("from", from);
        if (!start.isBefore(end)) {
            throw invalid("from", "must be before 'to' (" + start + " is not before " + end + ")");
        }
        int max = settings.maxLimit();
        int n = limit == null ? settings.defaultLimit() : limit;
        if (n < 1 || n > max) {
            throw invalid("limit", "must be between 1 and " + max + ", was " + n);
        }
        Duration bucket = step == null ? null : step(step, settings.minStep());
        if (bucket == null && agg != null) {
            throw invalid("agg", "only applies together with 'step'");
        }
        Set<Aggregate> aggregates = bucket == null ? Set.of() : aggregates(agg);
        return new TelemetryQuery(machineId, start, end, sensors(sensors), n, bucket, aggregates);
    }

    private static Instant instant(String name, String value) {
        try {
            return EPOCH_MILLIS.matcher(value).matches()
                    ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(
                    name,
                    "must be an ISO-8601 instant (2026-11-26T10:00:00Z) or epoch milliseconds, was '" + value + "'");
        }
    }

    private static Duration step(String value, Duration minStep) {
        Duration step;
        Matcher m = SHORT_DURATION.matcher(value);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                step = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                step = Duration.parse(value);
            }
        } catch (DateTimeParseException e) {
            throw invalid("step", "must be a duration such as 10s, 1m, 1h or PT1M, was '" + value + "'");
        }
        if (step.compareTo(minStep) < 0 || step.isZero() || step.getNano() % 1_000_000 != 0) {
            throw invalid("step", "must be whole milliseconds and at least " + minStep + ", was '" + value + "'");
        }
        if (step.compareTo(Duration.ofDays(366)) > 0) {
            throw invalid("step", "must be at most 366 days, was '" + value + "'");
        }
        return step;
    }

    private static Set<Aggregate> aggregates(String agg) {
        if (agg == null || agg.isBlank()) {
            return EnumSet.allOf(Aggregate.class);
        }
        Set<Aggregate> chosen = EnumSet.noneOf(Aggregate.class);
        for (String name : agg.split(",")) {
            try {
                chosen.add(Aggregate.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid(
                        "agg", "must be a comma-separated subset of avg,min,max; '" + name.trim() + "' is not one");
            }
        }
        return chosen;
    }

    private static List<String> sensors(List<String> sensors) {
        if (sensors == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String sensor : sensors) {
            if (!sensor.isBlank()) {
                distinct.add(sensor.trim());
            }
        }
        return new ArrayList<>(distinct);
    }

    static ProblemException invalid(String parameter, String reason) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "Parameter '" + parameter + "' " + reason + ".",
                Map.of("errors", List.of(new FieldProblem(parameter, reason))));
    }
}
