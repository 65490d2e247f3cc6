package io.linewatch.quality;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.ServiceContract;
import io.linewatch.common.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN
        })
class QualityApplicationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void startsWithItsSchemaAndIsOperableHealthOpenEverythingElseBehindAKey() {
        ServiceContract.assertOperable(port);
    }
}
