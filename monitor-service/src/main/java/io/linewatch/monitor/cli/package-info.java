/**
 * The command line of the jar ({@code evaluate skab|nab}, {@code train}): dispatched from
 * {@code main} before Spring starts, so it runs without Kafka or PostgreSQL.
 */
package io.linewatch.monitor.cli;
