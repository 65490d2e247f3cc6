package io.linewatch.bench.broker;

import io.linewatch.bench.Args;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * {@code broker --dir /tmp/linewatch-bench-kafka --port 9092 --controller-port 9093}: formats a
 * fresh log directory and runs {@code kafka.Kafka} on it until the process is stopped (SIGTERM
 * shuts the broker down cleanly). Listens on 127.0.0.1 only.
 */
public final class BrokerCommand {

    private BrokerCommand() {}

    public static void run(Args args) throws IOException {
        Path dir = Path.of(args.string("dir", "/tmp/linewatch-bench-kafka"));
        int port = args.integer("port", 9092);
        int controllerPort = args.integer("controller-port", 9093);
        int partitions = args.integer("partitions", 12);
        args.rejectUnknown();
        if (!dir.toAbsolutePath().startsWith("/tmp/")) {
            throw new IllegalArgumentException(
                    "the broker's directory is wiped on start, so it must be under /tmp: " + dir);
        }
        deleteRecursively(dir);
        Path logs = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties(logs, port, controllerPort, partitions).store(out, "LineWatch benchmark broker");
        }
        String clusterId = Uuid.randomUuid().toString();
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString()},
                new PrintStream(OutputStream.nullOutputStream()));
        if (formatted != 0) {
            throw new IllegalStateException("formatting " + logs + " failed with exit code " + formatted);
        }
        System.out.printf("broker: cluster %s, 127.0.0.1:%d, logs in %s%n", clusterId, port, logs);
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /** A production-like single node: defaults except what one node needs (replication factor 1). */
    static Properties properties(Path logs, int port, int controllerPort, int partitions) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "12");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
