package io.linewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimestampsUnitTest {

    @Test
    void epochMillisAndIsoFormsAgreeWithJavaTime() {
        assertThat(Timestamps.parse("1767225600000")).isEqualTo(1767225600000L);
        for (String iso : new String[] {
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.5Z",
            "2026-01-01T00:00:00.123Z",
            "2026-01-01T00:00:00.123456789Z",
            "2024-02-29T23:59:59.999+02:00",
            "1999-12-31T12:30:00-05:30",
            "1970-01-01T00:00:00Z",
            "1965-07-04T01:02:03Z"
        }) {
            assertThat(Timestamps.parse(iso))
                    .as(iso)
                    .isEqualTo(OffsetDateTime.parse(iso).toInstant().toEpochMilli());
        }
        assertThat(Timestamps.parse("2026-01-01T00:00:00.000Z"))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void textThatIsNoTimestampIsInvalid() {
        for (String bad : new String[] {
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01 00:00",
            "12.5",
            "-5",
            "99999999999999999999"
        }) {
            assertThat(Timestamps.parse(bad)).as(bad).isEqualTo(Timestamps.INVALID);
        }
    }
}
