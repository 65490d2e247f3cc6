package io.linewatch.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandUnitTest {

    @TempDir
    Path dir;

    @Test
    void theSustainedFigureIsTheFastestBoundedRunAndIsShownAsAShareOfEachCeiling() throws IOException {
        new ResultFile()
                .put("producer.points.per.s", 4_000_000)
                .put("producer.settings", "acks=all")
                .write(dir.resolve("producer.properties"));
        new ResultFile()
                .put("copy.points.per.s", 2_000_000)
                .put("copy.connections", 2)
                .put("copy.batch", 5000)
                .write(dir.resolve("copy-copy.properties"));
        run("ingest-1-closed-loop", 900_000, false);
        run("ingest-2-paced", 800_000, true);
        run("ingest-3-paced", 600_000, true);

        java.nio.file.Files.writeString(
                dir.resolve("ingest-2-paced-lag.csv"),
                "seconds,accepted_samples,stored_samples,lag_samples\n"
                        + java.util.stream.IntStream.range(1, 12)
                                .mapToObj(s -> s + ".0," + s * 1000 + "," + s * 900 + "," + s * 10 + "\n")
                                .collect(java.util.stream.Collectors.joining()));
        String md = ReportCommand.markdown(dir);

        assertThat(md).contains("sustained (ingest-2-paced) | 800,000 | 1.00 |");
        assertThat(md).contains("| KafkaProducer alone (acks=all) | 4,000,000 | 0.20 |");
        assertThat(md)
                .contains("2 connections, 5000 rows per COPY into a table of the storage shape | 2,000,000 | 0.40 |");
        assertThat(md).contains("| ingest-1-closed-loop | closed loop | 900,000 | 900,000 |");
        assertThat(md).contains("| ingest-service | 1.10 | 1.40 | 700 | 1024 | 900 |");
        assertThat(md).contains("- ingest-2-paced: 10 60 110\n");
        assertThat(md).contains("- ingest-1-closed-loop: (no lag samples)\n");
    }

    private void run(String name, long stored, boolean bounded) throws IOException {
        new ResultFile()
                .put("ingest.rate.target.points.per.s", name.contains("closed") ? 0 : stored)
                .put("ingest.accepted.points.per.s", stored)
                .put("ingest.stored.points.per.s", stored)
                .put("ingest.latency.p50.ms", "20.0")
                .put("ingest.latency.p99.ms", "80.0")
                .put("ingest.status.429", 0)
                .put("ingest.status.503", 0)
                .put("ingest.rejected.samples", 0)
                .put("ingest.lag.bounded", bounded)
                .put("ingest.lag.max.samples", 1000)
                .put("ingest.lag.slope.samples.per.s", 3)
                .put("ingest.drain.seconds", "0.5")
                .put("ingest.drain.complete", true)
                .put("ingest.accepted.samples.total", 100)
                .put("ingest.stored.samples.total", 100)
                .put("ingest.machine.busy.cores", "1.95")
                .put("process.ingest-service.avg.cores", "1.10")
                .put("process.ingest-service.peak.cores", "1.40")
                .put("process.ingest-service.max.heap.used.mb", 700)
                .put("process.ingest-service.max.heap.committed.mb", 1024)
                .put("process.ingest-service.max.rss.mb", 900)
                .write(dir.resolve(name + ".properties"));
    }
}
