package io.linewatch.monitor.live;

import io.linewatch.common.test.TestKeys;
import io.linewatch.common.test.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real model registry in this JVM, with its own database, artifact directory and port. Every
 * property is given here because {@code classpath:application.yml} is the monitor's own. Its
 * Flyway script is copied out of the registry jar into a directory of its own: the jar's
 * {@code db/migration} would otherwise collide with the monitor's (both have a V1).
 */
final class InProcessRegistry {

    private InProcessRegistry() {}

    static ConfigurableApplicationContext start(String brokers) {
        try {
            Path migrations = Files.createTempDirectory("lw-registry-migrations");
            copyRegistryMigration(migrations);
            Path artifacts = Files.createTempDirectory("lw-registry-artifacts");
            // command-line arguments, because default properties lose to the monitor's application.yml
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
                            "--spring.flyway.locations=filesystem:" + migrations,
                            "--spring.kafka.bootstrap-servers=" + brokers,
                            "--spring.servlet.multipart.max-file-size=100MB",
                            "--spring.servlet.multipart.max-request-size=100MB",
                            "--linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
                            "--linewatch.registry.artifact-root=" + artifacts,
                            "--linewatch.registry.max-artifact-size=100MB",
                            "--linewatch.registry.outbox-poll-interval=200ms",
                            "--linewatch.monitor.live.enabled=false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int port(ConfigurableApplicationContext registry) {
        return ((WebServerApplicationContext) registry).getWebServer().getPort();
    }

    private static void copyRegistryMigration(Path target) throws IOException {
        for (URL url : Collections.list(
                InProcessRegistry.class.getClassLoader().getResources("db/migration/V1__create_registry.sql"))) {
            try (InputStream in = url.openStream()) {
                Files.copy(in, target.resolve("V1__create_registry.sql"));
                return;
            }
        }
        throw new IllegalStateException("the model-registry jar is not on the test classpath");
    }
}
