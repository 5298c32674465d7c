package com.rdploomes.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
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

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Moving a failed conversion to a retry tier or the dead-letter queue is confirmed before the original is
 * acked: when the broker cannot take the move (the queue is gone, so the publish is returned as unroutable;
 * or it refuses it, so the publish is nacked) the worker must not count it as done. The original goes back
 * to the input queue and is tried again, and reaches its destination, body intact, once that can take it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closed after the class, so that nothing redeclares the topology its @AfterAll deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnconfirmedMoveTest {

    private static final String PREFIX = TestBroker.uniquePrefix("unconfirmed-move");
    private static final FakePloomes PLOOMES = start();
    /**
     * What the test reads goes over a connection of its own, apart from the worker's. RabbitMQ 3.10 crashes a
     * channel that used a queue which was then deleted and declared again under the same name as another type
     * (seen here: a fetch from the classic stand-in DLQ, then a receive from the quorum one on the same cached
     * channel), and the crash closes the channel's whole connection with 541 INTERNAL_ERROR.
     */
    private static final CachingConnectionFactory OWN_CONNECTION = TestBroker.get().connectionFactory();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.topology.retry-delays", () -> "200ms");
        // high, so that the broker's own safety net does not park the message while the test watches the requeues
        registry.add("rd-ploomes.topology.delivery-limit", () -> "1000000");
        registry.add("rd-ploomes.publish-confirm-timeout", () -> "2s");
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
    @Autowired
    MeterRegistry meters;

    private final ConversionCodec codec = new ConversionCodec();
    private final RabbitTemplate reader = new RabbitTemplate(OWN_CONNECTION);
    private final RabbitAdmin inspector = new RabbitAdmin(OWN_CONNECTION);

    @BeforeEach
    void permanentRefusal() {
        PLOOMES.reset();
        // a 400 on the deal: permanent, so the conversion is dead-lettered at once
        PLOOMES.always("POST /Deals", Answer.json(400, "{\"error\":{\"message\":\"StageId inválido\"}}"));
    }

    @AfterEach
    void normalQueues() {
        listeners.stop();
        try {
            admin.deleteQueue(topology.deadLetterQueue());
            topology.declarables().getDeclarablesByType(Queue.class).forEach(admin::declareQueue);
            topology.allQueues().forEach(admin::purgeQueue);
        } finally {
            listeners.start();
        }
    }

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners, @Autowired RabbitAdmin admin,
                                      @Autowired Topology topology) {
        listeners.stop();
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        PLOOMES.close();
        OWN_CONNECTION.destroy();
    }

    @Test
    void anUnroutableDeadLetterRequeuesTheOriginalUntilTheDlqIsBack() {
        assertThat(admin.deleteQueue(topology.deadLetterQueue())).isTrue();
        byte[] body = codec.encode(Conversions.ana());
        double deadLetteredBefore = deadLettered();

        publish(body, "rd-unroutable");

        // the move was returned, so the conversion came back and was tried again, more than once
        await().atMost(Duration.ofSeconds(15)).until(() -> PLOOMES.requests("POST /Deals").size() >= 3);
        assertThat(deadLettered()).as("not counted as dead-lettered").isEqualTo(deadLetteredBefore);

        admin.declareQueue(properDeadLetterQueue());

        Message dead = nextDeadLetter();
        assertThat(dead).as("the conversion reached the DLQ once it existed").isNotNull();
        assertThat(dead.getBody()).isEqualTo(body);
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo("rd-unroutable");
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.REASON)).isEqualTo("ploomes-4xx");
        assertNothingLeftInTheInputQueue();
    }

    @Test
    void aNackedDeadLetterRequeuesTheOriginalUntilTheDlqTakesIt() {
        admin.deleteQueue(topology.deadLetterQueue());
        // a DLQ that refuses every message: a publish to it is nacked by the broker (a classic queue, whose
        // length limit is exact; a quorum queue lets the first message past a limit of 0)
        admin.declareQueue(QueueBuilder.durable(topology.deadLetterQueue())
                .maxLength(0).overflow(QueueBuilder.Overflow.rejectPublish).build());
        byte[] body = codec.encode(Conversions.ana());

        publish(body, "rd-nacked");

        await().atMost(Duration.ofSeconds(15)).until(() -> PLOOMES.requests("POST /Deals").size() >= 3);
        // counted, not fetched: a fetch would leave a channel knowing the queue as classic (see OWN_CONNECTION)
        assertThat(inspector.getQueueInfo(topology.deadLetterQueue()).getMessageCount()).isZero();

        admin.deleteQueue(topology.deadLetterQueue());
        admin.declareQueue(properDeadLetterQueue());

        Message dead = nextDeadLetter();
        assertThat(dead).as("the conversion reached the DLQ once it took messages").isNotNull();
        assertThat(dead.getBody()).isEqualTo(body);
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo("rd-nacked");
        assertNothingLeftInTheInputQueue();
    }

    @Test
    void anUnroutableMoveToARetryTierRequeuesTheOriginalUntilTheTierIsBack() {
        PLOOMES.reset();
        PLOOMES.always("GET /Contacts", Answer.json(503, "maintenance"));
        assertThat(admin.deleteQueue(topology.retryQueue(0))).isTrue();
        double retriedBefore = retried();

        publish(codec.encode(Conversions.ana()), "rd-tier-gone");

        // each delivery tries the lookup 3 times, then fails to move the conversion: it comes back, again and again
        await().atMost(Duration.ofSeconds(15)).until(() -> PLOOMES.requests("GET /Contacts").size() >= 9);
        assertThat(retried()).as("not counted as sent to a tier").isEqualTo(retriedBefore);

        PLOOMES.reset(); // Ploomes heals; the tier comes back
        topology.declarables().getDeclarablesByType(Queue.class).forEach(admin::declareQueue);

        await().atMost(Duration.ofSeconds(15)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertNothingLeftInTheInputQueue();
        assertThat(reader.receive(topology.deadLetterQueue())).isNull();
    }

    private double retried() {
        var counter = meters.find("rdploomes.worker.retried").tag("reason", "ploomes-unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    private void assertNothingLeftInTheInputQueue() {
        // stopping the consumer returns any unacked delivery to the queue: none may come back
        listeners.stop();
        try {
            assertThat(inspector.getQueueInfo(topology.inputQueue()).getMessageCount()).isZero();
        } finally {
            listeners.start();
        }
    }

    private Message nextDeadLetter() {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> reader.receive(topology.deadLetterQueue(), 1_000), Objects::nonNull);
    }

    private Queue properDeadLetterQueue() {
        return topology.declarables().getDeclarablesByType(Queue.class).stream()
                .filter(q -> q.getName().equals(topology.deadLetterQueue())).findFirst().orElseThrow();
    }

    private void publish(byte[] body, String id) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(id);
        props.setContentType(ConversionCodec.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        rabbit.send(topology.exchange(), Topology.ROUTING_KEY, new Message(body, props));
    }

    private double deadLettered() {
        var counter = meters.find("rdploomes.worker.dead.lettered").tag("reason", "ploomes-4xx").counter();
        return counter == null ? 0 : counter.count();
    }

    private static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
