package io.linewatch.registry;

import io.linewatch.common.registry.ModelClientAutoConfiguration;
import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A separate application context standing in for a service that serves models: only the
 * registry client from {@code common}, talking to the registry over HTTP and Kafka.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ModelClientAutoConfiguration.class)
public class ClientApplication {

    public static ConfigurableApplicationContext start(
            int registryPort, String apiKey, String kafka, Path cacheDir, String recheck) {
        return new SpringApplicationBuilder(ClientApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "linewatch.model-client.registry-url=http://127.0.0.1:" + registryPort,
                        "linewatch.model-client.api-key=" + apiKey,
                        "linewatch.model-client.bootstrap-servers=" + kafka,
                        "linewatch.model-client.cache-dir=" + cacheDir,
                        "linewatch.model-client.recheck-interval=" + recheck)
                .run();
    }
}
