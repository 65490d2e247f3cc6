package io.linewatch.bench;

import io.linewatch.bench.baseline.CopyBaselineCommand;
import io.linewatch.bench.baseline.ProducerBaselineCommand;
import io.linewatch.bench.broker.BrokerCommand;
import io.linewatch.bench.load.IngestCommand;
import io.linewatch.bench.load.RegisterCommand;
import io.linewatch.bench.report.ReportCommand;

/** Entry point: {@code java -jar bench/target/bench.jar <command> --option value ...}. */
public final class BenchMain {

    private static final String USAGE = """
            usage: java -jar bench/target/bench.jar <command> [--option value ...]
              broker    run a single-node KRaft Kafka broker on 127.0.0.1 until stopped
              producer  raw ceiling: KafkaProducer alone on the generated samples
              copy      raw ceiling: PostgreSQL binary COPY alone on the generated samples
              register  register the benchmark fleet through the asset API
              ingest    HTTP load against ingest-service, with lag, CPU and heap sampling
              report    Markdown table from the result files of the commands above
              monitor-feed  telemetry backlog for the monitor benchmark (bench/run-monitor.sh)
            """;

    private BenchMain() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Args args = Args.parse(argv, 1);
        switch (argv[0]) {
            case "broker" -> BrokerCommand.run(args);
            case "producer" -> ProducerBaselineCommand.run(args);
            case "copy" -> CopyBaselineCommand.run(args);
            case "register" -> RegisterCommand.run(args);
            case "ingest" -> IngestCommand.run(args);
            case "report" -> ReportCommand.run(args);
            case "monitor-feed" -> io.linewatch.bench.monitor.MonitorFeedCommand.run(args);
            default -> {
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
