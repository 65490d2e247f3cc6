package io.linewatch.common.test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Implements {@link FreshDatabase}. The customizer is equal only for the same test class, so
 * Spring's context cache never hands one class's database to another.
 */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(FreshDatabase.class);
        return wanted ? new Customizer(testClass) : null;
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            String url = TestPostgres.createDatabase(testClass.getSimpleName());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "freshDatabase",
                            Map.of(
                                    "spring.datasource.url",
                                    url,
                                    "spring.datasource.username",
                                    TestPostgres.USER,
                                    "spring.datasource.password",
                                    TestPostgres.PASSWORD,
                                    // Every test class has its own context, and Spring keeps them
                                    // cached until the JVM ends: pools that shrink to one idle
                                    // connection keep a module's suite under PostgreSQL's
                                    // max_connections (100) however many classes it has.
                                    "spring.datasource.hikari.minimum-idle",
                                    "1",
                                    "spring.datasource.hikari.idle-timeout",
                                    "10000")));
            String database = url.substring(url.lastIndexOf('/') + 1);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    TestPostgres.dropDatabase(database);
                }
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer c && Objects.equals(c.testClass, testClass);
        }

        @Override
        public int hashCode() {
            return testClass.hashCode();
        }
    }
}
