/**
 * Event contracts of LineWatch: the records that cross Kafka topics between services and to
 * consumers outside LineWatch. Every record carries an explicit {@code schemaVersion}; a
 * consumer accepts every version up to the one it knows and ignores fields it does not know.
 * The topics, keys, ordering and retention are documented in {@code docs/events.md}.
 */
package io.linewatch.common.event;
