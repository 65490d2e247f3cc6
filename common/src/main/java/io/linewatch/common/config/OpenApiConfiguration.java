package io.linewatch.common.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Declares the API-key schemes in every service's OpenAPI document, so Swagger UI's "Authorize"
 * sends the key and generated clients know how to authenticate.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI lineWatchOpenApi(@Value("${spring.application.name:linewatch}") String name) {
        return new OpenAPI()
                .info(new Info()
                        .title("LineWatch " + name)
                        .description(
                                "Every endpoint except health needs an API key; errors are RFC 9457 problem details.")
                        .version("v1"))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
