package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiver reaches RabbitMQ through a proxy this test cuts: a broker outage as the receiver sees it,
 * while the shared broker stays up for the other tests. During the outage webhooks are answered 202 from the
 * spool and the receiver stays UP; once the broker is back the receiver reconnects by itself and the spool
 * drains, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rd-ploomes.webhook.token=" + SpoolRecoveryTest.TOKEN,
    "rd-ploomes.publish.confirm-timeout=2s",
    "spring.rabbitmq.connection-timeout=2s",
    "rd-ploomes.spool.drain-interval=200ms"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpoolRecoveryTest {

    static final String TOKEN = "spool-recovery-token";
    private static final String URL = "/webhook/rdstation?token=" + TOKEN;
    private static final String PREFIX = TestBroker.uniquePrefix("receiver-spool");
    private static final TcpProxy PROXY = TcpProxy.toBroker();
    private static final Path SPOOL = TempDirs.create("recovery-spool");

    @DynamicPropertySource
    static void brokerThroughTheProxy(DynamicPropertyRegistry registry) {
        PROXY.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.spool.dir", SPOOL::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    Topology topology;
    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();
    private CachingConnectionFactory direct;
    private RabbitAdmin admin;
    private RabbitTemplate reader;
    private TestHttp http;

    @BeforeAll
    void connectDirectly() {
        // the test's own view of the broker, not through the proxy
        TestBroker broker = TestBroker.get();
        direct = broker.connectionFactory();
        admin = new RabbitAdmin(direct);
        reader = new RabbitTemplate(direct);
        http = new TestHttp(port);
    }

    @AfterEach
    void brokerBack() {
        PROXY.restore();
    }

    @AfterAll
    void leaveTheBrokerAsFound() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        direct.destroy();
        PROXY.close();
        TempDirs.delete(SPOOL);
    }

    @Test
    void anOutageIsAnswered202FromTheSpoolWhichDrainsInOrderOnceTheBrokerIsBack() {
        JsonNode warmUp = accepted(post("seed-conversion.json"));
        assertThat(warmUp.get("spooled").booleanValue()).isFalse();
        assertThat(take(1)).hasSize(1);
        double spooledBefore = counter("rdploomes.spool.spooled");
        double drainedBefore = counter("rdploomes.spool.drained");

        PROXY.cut();
        List<String> ids = new ArrayList<>();
        for (String sample : List.of("legacy-two-leads.json", "v2-converted.json", "events-api-conversion.json")) {
            JsonNode answer = accepted(post(sample));
            assertThat(answer.get("spooled").booleanValue()).as(sample).isTrue();
            answer.get("conversionIds").forEach(id -> ids.add(id.stringValue()));
        }
        assertThat(ids).hasSize(4);

        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).as("a broker outage must not make the receiver unhealthy").isEqualTo(200);
        JsonNode spool = json.readTree(health.body()).get("components").get("spool");
        assertThat(json.readTree(health.body()).get("status").stringValue()).isEqualTo("UP");
        assertThat(spool.get("details").get("broker").stringValue()).isEqualTo("unreachable");
        assertThat(spool.get("details").get("depth").intValue()).isEqualTo(4);
        assertThat(http.get("/actuator/prometheus").body()).containsPattern("rdploomes_spool_depth 4(\\.0)?\n");
        assertThat(admin.getQueueInfo(topology.inputQueue()).getMessageCount()).isZero();

        PROXY.restore();

        assertThat(take(4)).extracting(m -> m.getMessageProperties().getMessageId()).containsExactlyElementsOf(ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> spoolDepth() == 0);
        assertThat(counter("rdploomes.spool.spooled") - spooledBefore).isEqualTo(4);
        assertThat(counter("rdploomes.spool.drained") - drainedBefore).isEqualTo(4);
        assertThat(PROXY.acceptedConnections()).as("the receiver reconnected by itself").isGreaterThan(1);

        JsonNode after = accepted(post("seed-conversion.json"));
        assertThat(after.get("spooled").booleanValue()).as("straight to the broker again").isFalse();
        assertThat(take(1)).hasSize(1);
    }

    @Test
    void aBrokerThatStopsConfirmingIsSpooledAfterTheConfirmTimeout() {
        accepted(post("seed-conversion.json"));
        take(1);

        PROXY.freeze(); // connections stay open, nothing comes back: no confirm
        long started = System.nanoTime();
        JsonNode answer = accepted(post("v2-converted.json"));

        assertThat(answer.get("spooled").booleanValue()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("spooled once the confirm timeout (2 s) passed").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(spoolDepth()).isEqualTo(1);

        PROXY.restore();
        assertThat(take(1).getFirst().getMessageProperties().getMessageId())
                .isEqualTo(answer.get("conversionIds").get(0).stringValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> spoolDepth() == 0);
    }

    @Test
    void anUnroutableConversionWaitsInTheSpoolUntilTheTopologyIsDeclaredAgain() {
        accepted(post("seed-conversion.json"));
        take(1); // the topology exists
        assertThat(admin.deleteQueue(topology.inputQueue())).isTrue();

        JsonNode answer = accepted(post("v2-converted.json"));

        assertThat(answer.get("spooled").booleanValue()).isTrue();
        List<Message> messages = take(1);
        assertThat(messages.getFirst().getMessageProperties().getMessageId())
                .isEqualTo(answer.get("conversionIds").get(0).stringValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> spoolDepth() == 0);
    }

    private HttpResponse<String> post(String sample) {
        return http.post(URL, Samples.bytes(sample), "Content-Type", "application/json");
    }

    private JsonNode accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    /** Exactly {@code count} messages off the input queue, in order. */
    private List<Message> take(int count) {
        List<Message> messages = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(AmqpException.class).until(() -> {
            // an AmqpException: the queue is not (yet) declared again
            Message message = reader.receive(topology.inputQueue());
            if (message != null) {
                messages.add(message);
            }
            return messages.size() >= count;
        });
        assertThat(reader.receive(topology.inputQueue())).as("no more than " + count).isNull();
        return messages;
    }

    private int spoolDepth() {
        return json.readTree(http.get("/actuator/health").body()).get("components").get("spool")
                .get("details").get("depth").intValue();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }
}
