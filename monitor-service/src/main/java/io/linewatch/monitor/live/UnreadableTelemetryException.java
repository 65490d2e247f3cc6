package io.linewatch.monitor.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A telemetry record live scoring cannot read at all (not the contract's JSON, or without machine
 * id or values): it goes to the dead-letter topic at once, without retries.
 */
final class UnreadableTelemetryException extends RuntimeException {

    UnreadableTelemetryException(ConsumerRecord<?, ?> record) {
        super("record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " is not a readable linewatch.telemetry.v1 sample");
    }
}
