package io.linewatch.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatUnitTest {

    @Test
    void cpuTicksAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 7 3 20 0 42 0 900 0 0";
        assertThat(ProcStat.cpuTicks(stat, false)).isEqualTo(1750);
        assertThat(ProcStat.cpuTicks(stat, true)).isEqualTo(1760);
    }

    @Test
    void thisProcessIsVisibleWithCpuAndMemory() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStat.cpuTicks(self, false)).isPositive();
        assertThat(ProcStat.rssKb(self)).isPositive();
        long[] machine = ProcStat.machineTicks();
        assertThat(machine[1]).isGreaterThanOrEqualTo(machine[0]);
    }

    @Test
    void heapFromJstatIsSurvivorsEdenAndOldButNotMetaspace() {
        String[] header = "S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT".split(" ");
        String[] row = "0.0 1024.0 0.0 512.0 20480.0 10240.0 40960.0 2048.0 9999.0 8888.0 1.0 1.0 3 0.1".split(" ");
        assertThat(JstatReader.heap(header, row)).containsExactly(512 + 10240 + 2048, 1024 + 20480 + 40960);
    }
}
