/**
 * The benchmark's data: a fleet of machines with the sensors a machining line really has, slowly
 * varying signals within each sensor's physical range, timestamps that advance per machine (so
 * deduplication on machine, sensor and ts never collapses two generated points), and the JSON
 * body a gateway posts. The same generator feeds the HTTP load and both raw ceilings, so the
 * three are measured on the same data.
 */
package io.linewatch.bench.data;
