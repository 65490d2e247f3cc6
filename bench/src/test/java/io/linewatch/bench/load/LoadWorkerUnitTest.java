package io.linewatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadWorkerUnitTest {

    @Test
    void acceptedCountComesFromTheResponseWhenItStatesOne() {
        assertThat(LoadWorker.accepted("{\"accepted\": 498, \"rejected\": 2}", 500))
                .isEqualTo(498);
        assertThat(LoadWorker.accepted("", 500)).isEqualTo(500);
        assertThat(LoadWorker.accepted(null, 500)).isEqualTo(500);
    }

    @Test
    void jvmPidsAreNamedPairs() {
        assertThat(IngestOptions.pids("ingest-service=12, kafka-broker=34"))
                .containsEntry("ingest-service", 12L)
                .containsEntry("kafka-broker", 34L);
        assertThat(IngestOptions.pids("")).isEmpty();
    }
}
