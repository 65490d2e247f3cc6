package io.linewatch.ingest.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** The storing consumer's meters; names are listed in {@code docs/ingest-storage.md}. */
@Component
class StorageMetrics {

    final Timer batchLatency;
    final DistributionSummary batchSize;
    final Counter samplesStored;
    final Counter pointsStored;
    final Counter rowsChanged;
    final Counter deadLettered;
    final Counter expired;
    final Counter copyBatches;
    final Counter upsertBatches;

    StorageMetrics(MeterRegistry registry) {
        batchLatency = Timer.builder("linewatch.storage.batch.latency")
                .description("Time to write one consumed batch to PostgreSQL (slots, partitions, COPY, upsert, commit)")
                .publishPercentileHistogram()
                .register(registry);
        batchSize = DistributionSummary.builder("linewatch.storage.batch.size")
                .description("Kafka records per consumed batch")
                .baseUnit("records")
                .publishPercentileHistogram()
                .register(registry);
        samplesStored = Counter.builder("linewatch.storage.samples")
                .description("Samples (rows) committed, after merging duplicates within a batch")
                .register(registry);
        pointsStored = Counter.builder("linewatch.storage.points")
                .description("Sensor values committed, after merging duplicates within a batch")
                .register(registry);
        rowsChanged = Counter.builder("linewatch.storage.rows.changed")
                .description("Rows inserted or filled in; redelivered samples that add nothing are not counted")
                .register(registry);
        deadLettered = Counter.builder("linewatch.storage.samples.rejected")
                .tag("reason", "poison")
                .description("Records sent to the dead-letter topic")
                .register(registry);
        copyBatches = Counter.builder("linewatch.storage.batches")
                .tag("path", "copy")
                .description("Batches written by plain COPY (no row of the batch was stored yet)")
                .register(registry);
        upsertBatches = Counter.builder("linewatch.storage.batches")
                .tag("path", "upsert")
                .description("Batches written through staging and ON CONFLICT (redelivery or shared timestamps)")
                .register(registry);
        expired = Counter.builder("linewatch.storage.samples.rejected")
                .tag("reason", "expired")
                .description("Samples older than the retention, not stored")
                .register(registry);
    }
}
