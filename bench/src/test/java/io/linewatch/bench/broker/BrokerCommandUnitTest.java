package io.linewatch.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerCommandUnitTest {

    @Test
    void theBrokerIsACombinedKraftNodeListeningOnLoopbackOnly() {
        Properties p = BrokerCommand.properties(Path.of("/tmp/x/data"), 9092, 9093, 12);
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(p.getProperty("num.partitions")).isEqualTo("12");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    }
}
