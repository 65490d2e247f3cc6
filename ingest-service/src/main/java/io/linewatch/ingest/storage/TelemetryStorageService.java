package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Service;

/**
 * Stores one consumed batch. Records up to the first poison record are merged and written in one
 * transaction; the poison record is then reported by index, so the error handler commits the
 * offsets before it, dead-letters it and redelivers the rest. Returning normally lets the
 * container commit the batch's offsets, always after the database commit.
 */
@Service
class TelemetryStorageService {

    private static final LogAccessor LOG = new LogAccessor(TelemetryStorageService.class);
    private static final String NO_PARTITION = "23514";

    private final SensorSlots slots;
    private final TelemetryPartitions partitions;
    private final TelemetryWriter writer;
    private final StorageMetrics metrics;
    private final StorageSettings settings;
    private final Clock clock = Clock.systemUTC();

    TelemetryStorageService(
            SensorSlots slots,
            TelemetryPartitions partitions,
            TelemetryWriter writer,
            StorageMetrics metrics,
            StorageSettings settings) {
        this.slots = slots;
        this.partitions = partitions;
        this.writer = writer;
        this.metrics = metrics;
        this.settings = settings;
    }

    void store(List<ConsumerRecord<String, TelemetrySample>> records) throws SQLException {
        metrics.batchSize.record(records.size());
        long firstKept =
                PartitionMaintenance.firstKeptDay(clock, settings.retention()).toEpochDay() * 86_400_000L;
        MergedSamples merged = new MergedSamples();
        Set<Long> days = new HashSet<>();
        long lastDay = Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, TelemetrySample> record = records.get(i);
            RuntimeException poison = poison(record);
            if (poison != null) {
                write(merged, days);
                metrics.deadLettered.increment();
                throw new BatchListenerFailedException(
                        "Poison record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                                + poison.getMessage(),
                        poison,
                        i);
            }
            TelemetrySample sample = record.value();
            if (sample.ts() < firstKept) {
                metrics.expired.increment();
                continue;
            }
            merged.add(sample);
            long day = Math.floorDiv(sample.ts(), 86_400_000L);
            if (day != lastDay) { // samples of a batch mostly share a day: box only on change
                days.add(day);
                lastDay = day;
            }
        }
        write(merged, days);
    }

    private void write(MergedSamples merged, Set<Long> epochDays) throws SQLException {
        if (merged.size() == 0) {
            return;
        }
        Timer.Sample timer = Timer.start();
        try {
            Map<String, Map<String, Integer>> slotMap = slots.resolve(merged.rows());
            partitions.ensure(epochDays.stream().map(LocalDate::ofEpochDay).toList());
            metrics.rowsChanged.increment(writer.write(merged, slotMap));
        } catch (SQLException e) {
            if (NO_PARTITION.equals(e.getSQLState())) {
                partitions.forgetKnown();
            }
            // The error handler retries the batch silently; an outage must show in the log.
            LOG.warn(() -> "Storing " + merged.size() + " samples failed (SQLSTATE " + e.getSQLState()
                    + "); the batch will be retried: " + e.getMessage());
            throw e;
        } finally {
            timer.stop(metrics.batchLatency);
        }
        metrics.samplesStored.increment(merged.size());
        metrics.pointsStored.increment(merged.points());
    }

    private static RuntimeException poison(ConsumerRecord<String, TelemetrySample> record) {
        if (record.value() == null) {
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            return unreadable != null ? unreadable : new PoisonSampleException("record has no value");
        }
        // The deserializer's validator already turned contract violations into null values.
        return null;
    }
}
