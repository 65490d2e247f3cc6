package io.linewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsUnitTest {

    @Test
    void optionsDurationsAndFlagsAreParsed() {
        Args args = Args.parse(
                new String[] {"ingest", "--rate", "1_000_000", "--duration=90s", "--lenient", "--warmup", "500ms"}, 1);
        assertThat(args.longValue("rate", 0)).isEqualTo(1_000_000);
        assertThat(args.duration("duration", "60s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(args.duration("warmup", "1s")).isEqualTo(Duration.ofMillis(500));
        assertThat(args.flag("lenient")).isTrue();
        assertThat(args.integer("threads", 4)).isEqualTo(4);
        assertThat(Args.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        args.rejectUnknown();
    }

    @Test
    void aMistypedOptionIsRejectedRatherThanIgnored() {
        Args args = Args.parse(new String[] {"ingest", "--rtae", "5"}, 1);
        args.integer("rate", 0);
        assertThatThrownBy(args::rejectUnknown).hasMessageContaining("rtae");
    }
}
