package io.linewatch.quality.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkCommandUnitTest {

    @Test
    void aBriefRunReportsThroughputAgainstRawLatencyHeatmapAndMemory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BenchmarkCommand(new PrintStream(out), new PrintStream(err)).run(new String[] {
            "benchmark",
            "--size",
            "32",
            "--classes",
            "3",
            "--batch",
            "4",
            "--seconds",
            "0.5",
            "--single",
            "5",
            "--heatmaps",
            "1"
        });

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report)
                .contains("input 1x32x32, 3 classes")
                .contains("batched raw output(), trained network")
                .contains("batched raw output(), folded (inference network)")
                .contains("product path (decode+classify)")
                .contains("of folded raw)")
                .contains("max |p_folded - p_trained|")
                .contains("single image raw output(), folded network")
                .contains("p99")
                .contains("occlusion heatmap")
                .contains("process RSS");
    }

    @Test
    void badOptionsPrintTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BenchmarkCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(new String[] {"benchmark", "--channels", "2"});

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: benchmark");
    }

    @Test
    void httpWarmUpIsSeparateFromTheMeasuredRequests() {
        assertThat(BenchmarkOptions.parse(List.of()).warmup()).isEqualTo(300);
        assertThat(BenchmarkOptions.parse(List.of("--warmup", "0", "--requests", "50")))
                .extracting(BenchmarkOptions::warmup, BenchmarkOptions::requests)
                .containsExactly(0, 50);
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--warmup", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--warmup");
    }

    @Test
    void readsTheServicesClassifyTimeFromAnInspectionAnswer() {
        assertThat(HttpRoundTrips.latencyMs("{\"id\":\"x\",\"latencyMs\": 12.5,\"verdict\":\"PASS\"}"))
                .isEqualTo(12.5);
        assertThat(HttpRoundTrips.latencyMs("[{\"latencyMs\":3.0E-1}]")).isEqualTo(0.3);
        assertThat(HttpRoundTrips.latencyMs("{}")).isNaN();
    }

    @Test
    void percentilesUseTheNearestRank() {
        Percentiles p = new Percentiles(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertThat(p.at(50)).isEqualTo(5);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.mean()).isEqualTo(5.5);
    }
}
