package io.linewatch.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuUnitTest {

    @Test
    void threadsAreGroupedByNameWithoutTheirInstanceNumber() {
        assertThat(ThreadCpu.role("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.role("http-nio-8081-e")).isEqualTo("http-nio-8081-e");
        assertThat(ThreadCpu.role("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.role("G1 Conc#0")).isEqualTo("G1 Conc");
        assertThat(ThreadCpu.role("pool-2-thread-3")).isEqualTo("pool-2-thread");
    }

    @Test
    void coresPerRoleAreTickDeltasOverTheWindowLargestFirst() {
        var start = new ThreadCpu.Snapshot(
                Map.of(1L, "GC Thread#0", 2L, "GC Thread#1", 3L, "http-nio-8081-e"),
                Map.of(1L, 100L, 2L, 100L, 3L, 0L));
        var end = new ThreadCpu.Snapshot(
                Map.of(1L, "GC Thread#0", 2L, "GC Thread#1", 3L, "http-nio-8081-e", 4L, "kafka-producer-"),
                Map.of(1L, 150L, 2L, 150L, 3L, 400L, 4L, 20L));

        Map<String, Double> roles = ThreadCpu.coresByRole(start, end, 10);

        assertThat(roles.keySet()).containsExactly("http-nio-8081-e", "GC Thread", "kafka-producer");
        assertThat(roles.get("http-nio-8081-e")).isEqualTo(0.4);
        assertThat(roles.get("GC Thread")).isEqualTo(0.1);
        assertThat(roles.get("kafka-producer")).isEqualTo(0.02);
    }

    @Test
    void thisJvmsThreadsAreVisible() {
        assertThat(ThreadCpu.snapshot(ProcessHandle.current().pid()).names()).isNotEmpty();
    }
}
