package io.linewatch.quality;

import io.linewatch.quality.benchmark.BenchmarkCommand;
import io.linewatch.quality.evaluation.QualityCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QualityApplication {

    /**
     * Starts the service, or runs a CLI command ({@code evaluate images ...}, {@code train ...},
     * {@code benchmark ...}) before Spring starts, so those need neither Kafka nor PostgreSQL.
     */
    public static void main(String[] args) {
        if (BenchmarkCommand.handles(args)) {
            System.exit(new BenchmarkCommand(System.out, System.err).run(args));
        }
        if (QualityCli.handles(args)) {
            System.exit(new QualityCli(System.out, System.err).run(args));
        }
        SpringApplication.run(QualityApplication.class, args);
    }
}
