package com.rdploomes.worker.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import com.rdploomes.worker.WorkerTestSettings;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.worker.crm.Conversions;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;

/**
 * The worker started while Ploomes is down: it starts, says why on health, keeps the conversion in the queue,
 * and consumes it once the checks pass. On the real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closed after the class, so that nothing redeclares the topology its @AfterAll deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConsumptionWaitsForTheChecksTest {

    private static final String PREFIX = TestBroker.uniquePrefix("account-check");
    private static final FakePloomes PLOOMES = downAtFirst();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        WorkerTestSettings.ploomes(registry, PLOOMES::url);
        registry.add("ploomes.retry-attempts", () -> "1");
        registry.add("rd-ploomes.account-check.retry-interval", () -> "300ms");
        registry.add("rd-ploomes.field-mapping-file", () -> "../config/field-mapping.example.yml");
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    Topology topology;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    PloomesAccountHealthIndicator health;

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners, @Autowired RabbitAdmin admin,
                                      @Autowired Topology topology) {
        listeners.stop();
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        PLOOMES.close();
    }

    @Test
    void conversionsWaitInTheQueueWhilePloomesCannotBeCheckedThenGoThrough() {
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.health().getDetails().get("reason").toString()).contains("answered 503");
        assertThat(listeners.getListenerContainer("conversions").isRunning()).isFalse();

        MessageProperties props = new MessageProperties();
        props.setMessageId("rd-waits");
        props.setContentType(ConversionCodec.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        rabbit.send(topology.exchange(), Topology.ROUTING_KEY,
                new Message(new ConversionCodec().encode(Conversions.ana()), props));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> PLOOMES.requests("GET /Contacts").isEmpty());

        PLOOMES.reset(); // Ploomes is back
        await().atMost(Duration.ofSeconds(15)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(listeners.getListenerContainer("conversions").isRunning()).isTrue();
        assertThat(PLOOMES.requests("POST /Deals").getFirst().body())
                .contains("\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A004\",\"StringValue\":\"orcamento-site\"");
    }

    private static FakePloomes downAtFirst() {
        try {
            FakePloomes ploomes = new FakePloomes();
            ploomes.always("GET /Deals@Pipelines", Answer.json(503, "maintenance"));
            return ploomes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
