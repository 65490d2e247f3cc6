package io.linewatch.common.security;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * API-key security for every LineWatch service. Health is open (load balancers and
 * orchestrators probe it without secrets); everything else needs a key, and controllers say
 * which role with {@code @PreAuthorize}. Any authenticated key may read the OpenAPI document
 * and the metrics (Prometheus scrapes with {@code bearer_token}).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@EnableConfigurationProperties(SecuritySettings.class)
@EnableMethodSecurity
@Import(ApiKeyController.class)
public class SecurityAutoConfiguration {

    @Bean
    ApiKeyService apiKeyService(DataSource dataSource, SecuritySettings settings) {
        SecurityMigration.migrate(dataSource);
        return new ApiKeyService(new ApiKeyRepository(JdbcClient.create(dataSource)), settings, Clock.systemUTC());
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_MODEL_ADMIN
                ROLE_ADMIN > ROLE_OPERATE
                ROLE_ADMIN > ROLE_INGEST
                ROLE_MODEL_ADMIN > ROLE_READ
                ROLE_OPERATE > ROLE_READ
                """);
    }

    /** No user/password login exists; this keeps Boot from generating a default password. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    SecurityFilterChain apiKeySecurity(HttpSecurity http, ApiKeyService keys) throws Exception {
        var problems = new ProblemAuthenticationHandlers();
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                                .permitAll()
                                .requestMatchers("/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated());
        return http.build();
    }
}
