package io.linewatch.registry.artifact;

import io.linewatch.registry.RegistrySettings;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ArtifactStoreConfiguration {

    @Bean
    ArtifactStore artifactStore(RegistrySettings settings) throws IOException {
        return new FileSystemArtifactStore(settings.artifactRoot());
    }
}
