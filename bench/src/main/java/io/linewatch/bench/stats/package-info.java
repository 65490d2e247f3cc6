/** The benchmark's arithmetic: latency percentiles, lag trend and the "lag stayed bounded" verdict. */
package io.linewatch.bench.stats;
