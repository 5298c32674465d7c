package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A broker that takes the message but cannot route it: the exchange exists, the input queue does not.
 * The mandatory publish comes back as a return, and with the spool off the request must fail with 503, not
 * a 202 for a conversion that went nowhere. (With the spool on, the conversion waits in the spool until the
 * topology is declared again: SpoolRecoveryTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rd-ploomes.webhook.token=unroutable-token",
    "rd-ploomes.webhook.auth=required",
    "rd-ploomes.webhook.retry-after=30s",
    "rd-ploomes.spool.max-bytes=0"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnroutableConversionTest {

    private static final String PREFIX = TestBroker.uniquePrefix("receiver-unroutable");

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    Topology topology;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    void deleteTopology() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
    }

    @Test
    void returnedMessageIs503WithRetryAfterAndNothingIsQueued() {
        admin.initialize(); // declare everything, then take the input queue away
        assertThat(admin.deleteQueue(topology.inputQueue())).isTrue();
        assertThat(admin.getQueueInfo(topology.inputQueue())).isNull();
        double refusedBefore = refused();
        double acceptedBefore = meters.get("rdploomes.webhook.accepted").counter().count();

        HttpResponse<String> response = new TestHttp(port).post("/webhook/rdstation?token=unroutable-token",
                Samples.bytes("legacy-two-leads.json"), "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:rdploomes:webhook:broker-unavailable");
        assertThat(problem.get("status").intValue()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception", "at org.", PREFIX);

        assertThat(refused() - refusedBefore).isEqualTo(1);
        assertThat(meters.get("rdploomes.webhook.accepted").counter().count()).isEqualTo(acceptedBefore);
        assertThat(meters.get("rdploomes.webhook.ack").tag("outcome", "broker-unavailable").timer().count()).isEqualTo(1);
        // the message went nowhere: no queue of the topology holds it (the input queue is gone)
        for (String queue : topology.allQueues()) {
            QueueInformation info = admin.getQueueInfo(queue);
            assertThat(info == null ? 0 : info.getMessageCount()).as(queue).isZero();
        }
    }

    private double refused() {
        return meters.get("rdploomes.webhook.refused").tag("reason", "broker-unavailable").counter().count();
    }
}
