package io.linewatch.monitor;

import io.linewatch.common.test.TestKeys;
import io.linewatch.common.test.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real model registry in this JVM, with its own database, artifact directory and port. Every
 * property is passed as a command-line argument because {@code classpath:application.yml} is the
 * monitor's own here, and command-line arguments outrank it.
 */
public final class InProcessRegistry {

    private InProcessRegistry() {}

    public static ConfigurableApplicationContext start(String brokers) {
        try {
            Path artifacts = Files.createTempDirectory("lw-registry-artifacts");
            return new SpringApplicationBuilder(io.linewatch.registry.ModelRegistryApplication.class)
                    .run(
                            "--spring.application.name=model-registry",
                            "--server.port=0",
                            "--spring.datasource.url=" + TestPostgres.createDatabase("registry"),
                            "--spring.datasource.username=" + TestPostgres.USER,
                            "--spring.datasource.password=" + TestPostgres.PASSWORD,
                            "--spring.datasource.hikari.schema=registry",
                            "--spring.flyway.schemas=registry",
                            "--spring.flyway.default-schema=registry",
                            "--spring.flyway.locations=classpath:db/registry",
                            "--spring.kafka.bootstrap-servers=" + brokers,
                            "--spring.servlet.multipart.max-file-size=100MB",
                            "--spring.servlet.multipart.max-request-size=100MB",
                            "--linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
                            "--linewatch.registry.artifact-root=" + artifacts,
                            "--linewatch.registry.max-artifact-size=100MB",
                            "--linewatch.outbox.poll-interval=200ms",
                            "--linewatch.monitor.live.enabled=false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(ConfigurableApplicationContext registry) {
        return "http://127.0.0.1:" + port(registry);
    }

    public static int port(ConfigurableApplicationContext registry) {
        return ((WebServerApplicationContext) registry).getWebServer().getPort();
    }
}
