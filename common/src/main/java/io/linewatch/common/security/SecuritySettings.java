package io.linewatch.common.security;

import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.security.*}.
 *
 * @param bootstrapAdminKey a key with role ADMIN that exists without the database, used to
 *     create the first real keys; set it from a secret (environment variable
 *     {@code LINEWATCH_SECURITY_BOOTSTRAP_ADMIN_KEY}), never in a file in the repository
 * @param cacheTtl how long a looked-up key is trusted before the database is asked again; a
 *     key revoked on another instance stops working within this time
 */
@Validated
@ConfigurationProperties("linewatch.security")
public record SecuritySettings(
        @Size(min = 24, message = "must be at least 24 characters")
        String bootstrapAdminKey,

        @DefaultValue("30s") Duration cacheTtl) {}
