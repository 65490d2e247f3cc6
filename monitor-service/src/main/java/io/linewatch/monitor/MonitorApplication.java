package io.linewatch.monitor;

import io.linewatch.monitor.cli.MonitorCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MonitorApplication {

    public static void main(String[] args) {
        // The evaluation and training commands run before Spring so the jar needs no Kafka or database.
        if (MonitorCli.isCommand(args)) {
            System.exit(new MonitorCli(System.out, System.err).run(args));
        }
        SpringApplication.run(MonitorApplication.class, args);
    }
}
