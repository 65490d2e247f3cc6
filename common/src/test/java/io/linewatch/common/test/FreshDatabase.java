package io.linewatch.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated Spring test class a database of its own on the real PostgreSQL server
 * ({@link TestPostgres}): created empty before the context starts, so Flyway builds every schema
 * from scratch, and never shared with another test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface FreshDatabase {}
