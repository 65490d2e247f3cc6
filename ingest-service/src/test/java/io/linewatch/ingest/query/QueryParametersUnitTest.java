package io.linewatch.ingest.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.common.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersUnitTest {

    static final QuerySettings SETTINGS = new QuerySettings(1000, 100_000, Duration.ofHours(1), Duration.ofMillis(1));
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void defaultsToTheLastHourAllSensorsAndTheDefaultLimit() {
        TelemetryQuery q = QueryParameters.parse("m1", null, null, null, null, null, null, SETTINGS, CLOCK);
        assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.sensors()).isEmpty();
        assertThat(q.limit()).isEqualTo(1000);
        assertThat(q.downsampled()).isFalse();
    }

    @Test
    void acceptsEpochMillisIsoInstantsShortAndIsoStepsAndAggregateSubsets() {
        TelemetryQuery q = QueryParameters.parse(
                "m1", "0", "1970-01-02T00:00:00Z", List.of("a", "b", "a"), 10, "10s", "max,avg", SETTINGS, CLOCK);
        assertThat(q.from()).isEqualTo(Instant.EPOCH);
        assertThat(q.sensors()).containsExactly("a", "b");
        assertThat(q.step()).isEqualTo(Duration.ofSeconds(10));
        assertThat(q.aggregates()).isEqualTo(EnumSet.of(Aggregate.AVG, Aggregate.MAX));
        assertThat(QueryParameters.parse("m1", null, null, null, null, "PT1M", null, SETTINGS, CLOCK)
                        .aggregates())
                .isEqualTo(EnumSet.allOf(Aggregate.class));
        assertThat(QueryParameters.parse("m1", null, null, null, null, "1h", null, SETTINGS, CLOCK)
                        .step())
                .isEqualTo(Duration.ofHours(1));
        assertThat(QueryParameters.parse("m1", null, null, null, null, "500ms", null, SETTINGS, CLOCK)
                        .step())
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsReversedRangesBadStepsAndLimitsOutsideTheBounds() {
        assertInvalid(
                "from", () -> QueryParameters.parse("m", "2000", "1000", null, null, null, null, SETTINGS, CLOCK));
        assertInvalid("to", () -> QueryParameters.parse("m", null, "noon", null, null, null, null, SETTINGS, CLOCK));
        assertInvalid("limit", () -> QueryParameters.parse("m", null, null, null, 0, null, null, SETTINGS, CLOCK));
        assertInvalid(
                "limit", () -> QueryParameters.parse("m", null, null, null, 100_001, null, null, SETTINGS, CLOCK));
        assertInvalid("step", () -> QueryParameters.parse("m", null, null, null, null, "1x", null, SETTINGS, CLOCK));
        assertInvalid("step", () -> QueryParameters.parse("m", null, null, null, null, "-PT1M", null, SETTINGS, CLOCK));
        assertInvalid(
                "step", () -> QueryParameters.parse("m", null, null, null, null, "PT0.0001S", null, SETTINGS, CLOCK));
        assertInvalid("agg", () -> QueryParameters.parse("m", null, null, null, null, "1m", "sum", SETTINGS, CLOCK));
    }

    private static void assertInvalid(String parameter, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            assertThat(e.getBody().getDetail()).contains("'" + parameter + "'");
        });
    }
}
