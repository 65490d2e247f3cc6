package io.linewatch.quality;

import io.linewatch.quality.evaluation.QualityCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QualityApplication {

    /**
     * Starts the service, or runs a CLI command ({@code evaluate images ...}, {@code train ...})
     * before Spring starts, so those need neither Kafka nor PostgreSQL.
     */
    public static void main(String[] args) {
        if (QualityCli.handles(args)) {
            System.exit(new QualityCli(System.out, System.err).run(args));
        }
        SpringApplication.run(QualityApplication.class, args);
    }
}
