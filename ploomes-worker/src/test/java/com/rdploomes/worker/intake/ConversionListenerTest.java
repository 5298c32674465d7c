package com.rdploomes.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import com.rdploomes.worker.WorkerTestSettings;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.worker.crm.Conversions;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;

/** The listener on a real broker: ack on success, delayed tiers for transient failures, DLQ with reasons. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closed after the class, so that nothing redeclares the topology its @AfterAll deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConversionListenerTest {

    private static final String PREFIX = TestBroker.uniquePrefix("listener");
    private static final FakePloomes PLOOMES = start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.topology.retry-delays", () -> "200ms,300ms");
        WorkerTestSettings.ploomes(registry, PLOOMES::url);
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    Topology topology;
    @Autowired
    RabbitListenerEndpointRegistry listeners;

    private final ConversionCodec codec = new ConversionCodec();

    @BeforeEach
    void clean() {
        PLOOMES.reset();
        topology.allQueues().forEach(admin::purgeQueue);
    }

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners, @Autowired RabbitAdmin admin,
                                      @Autowired Topology topology) {
        listeners.stop();
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        PLOOMES.close();
    }

    @Test
    void aConversionBecomesContactDealAndNoteAndIsAcked() {
        publish(codec.encode(Conversions.ana()), "rd-1", Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        // stopping the consumer returns any unacked delivery to the queue: none may come back
        listeners.stop();
        try {
            assertThat(queueDepth(topology.inputQueue())).isZero();
        } finally {
            listeners.start();
        }
        assertThat(PLOOMES.requests("POST /Contacts")).hasSize(1);
        assertThat(PLOOMES.requests("POST /Deals")).hasSize(1);
        assertThat(queueDepth(topology.deadLetterQueue())).isZero();
    }

    @Test
    void aPermanentRefusalIsDeadLetteredAtOnceWithItsReasonAndTheBodyUnchanged() {
        PLOOMES.always("POST /Deals", Answer.json(400, "{\"error\":{\"message\":\"Stage 1 does not exist\"}}"));
        byte[] body = codec.encode(Conversions.ana());
        publish(body, "rd-400", Map.of());

        Message dead = receive(topology.deadLetterQueue());
        MessageProperties props = dead.getMessageProperties();
        assertThat(dead.getBody()).isEqualTo(body);
        assertThat(props.getMessageId()).isEqualTo("rd-400");
        assertThat(props.<String>getHeader(FailureHeaders.REASON)).isEqualTo("ploomes-4xx");
        assertThat(props.<Object>getHeader(FailureHeaders.LAST_HTTP_STATUS)).isEqualTo(400);
        assertThat(props.<Object>getHeader(FailureHeaders.ATTEMPT)).isEqualTo(1);
        assertThat(props.<String>getHeader(FailureHeaders.DETAIL)).contains("POST /Deals answered 400", "Stage 1 does not exist");
        assertThat(props.<String>getHeader(FailureHeaders.FIRST_FAILED_AT)).isNotBlank();
        assertThat(props.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(PLOOMES.requests("POST /Deals")).hasSize(1);
    }

    @Test
    void aPloomesThatStaysDownGoesThroughEveryTierThenToTheDlq() {
        PLOOMES.always("GET /Contacts", Answer.json(503, "maintenance"));
        publish(codec.encode(Conversions.ana()), "rd-503", Map.of());

        Message dead = receive(topology.deadLetterQueue());
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.REASON)).isEqualTo("ploomes-unavailable");
        assertThat(dead.getMessageProperties().<Object>getHeader(FailureHeaders.ATTEMPT)).isEqualTo(3);
        assertThat(dead.getMessageProperties().<Object>getHeader(FailureHeaders.LAST_HTTP_STATUS)).isEqualTo(503);
        // 3 attempts (first, after 200 ms, after 300 ms) of 3 in-process tries each
        assertThat(PLOOMES.requests("GET /Contacts")).hasSize(9);
    }

    @Test
    void aTransientFailureHealsThroughARetryTier() {
        PLOOMES.script("GET /Contacts", Answer.json(500, "x"), Answer.json(500, "x"), Answer.json(500, "x"));
        publish(codec.encode(Conversions.ana()), "rd-heal", Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertThat(PLOOMES.requests("GET /Contacts")).hasSize(4);
        assertThat(queueDepth(topology.deadLetterQueue())).isZero();
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnceAndNeverRequeued() {
        byte[] garbage = "{\"this is\": not a conversion".getBytes(StandardCharsets.UTF_8);
        publish(garbage, "garbage-1", Map.of());

        Message dead = receive(topology.deadLetterQueue());
        assertThat(dead.getBody()).isEqualTo(garbage);
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.REASON)).isEqualTo("invalid-message");
        assertThat(PLOOMES.requests()).isEmpty();
    }

    @Test
    void aHugeErrorBodyIsBoundedInTheHeader() {
        PLOOMES.always("POST /Contacts", Answer.json(422, "x".repeat(1_000_000)));
        publish(codec.encode(Conversions.ana()), "rd-huge", Map.of());

        Message dead = receive(topology.deadLetterQueue());
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.DETAIL).getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(1_024);
    }

    @Test
    void foreignHeadersNeitherCrashNorLoopTheConsumer() {
        publish(codec.encode(Conversions.ana()), "rd-foreign", Map.of(
                FailureHeaders.ATTEMPT, "not a number",
                "x-death", java.util.List.of(Map.of("count", 99L, "queue", "elsewhere", "reason", "expired"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertThat(queueDepth(topology.deadLetterQueue())).isZero();
    }

    private void publish(byte[] body, String id, Map<String, Object> headers) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(id);
        props.setContentType(ConversionCodec.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        headers.forEach(props::setHeader);
        rabbit.send(topology.exchange(), Topology.ROUTING_KEY, new Message(body, props));
    }

    private Message receive(String queue) {
        Message message = rabbit.receive(queue, 15_000);
        assertThat(message).as("a message in " + queue).isNotNull();
        return message;
    }

    private int queueDepth(String queue) {
        var info = admin.getQueueInfo(queue);
        return info == null ? -1 : (int) info.getMessageCount();
    }

    private static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
