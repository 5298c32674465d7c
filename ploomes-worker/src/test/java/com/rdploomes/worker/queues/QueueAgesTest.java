package com.rdploomes.worker.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class QueueAgesTest {

    private final TestBroker broker = TestBroker.get();
    private final CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.port());
    private final Topology topology = new Topology(TestBroker.uniquePrefix("ages"), List.of(Duration.ofMinutes(5)), 20);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Instant now = Instant.parse("2026-12-03T12:00:00Z");
    private RabbitAdmin admin;
    private RabbitTemplate rabbit;
    private QueueAges ages;

    QueueAgesTest() {
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setVirtualHost(broker.virtualHost());
        admin = new RabbitAdmin(connections);
        topology.declarables().getDeclarables().forEach(d -> {
            if (d instanceof org.springframework.amqp.core.Queue q) {
                admin.declareQueue(q);
            } else if (d instanceof org.springframework.amqp.core.Exchange e) {
                admin.declareExchange(e);
            } else if (d instanceof org.springframework.amqp.core.Binding b) {
                admin.declareBinding(b);
            }
        });
        rabbit = new RabbitTemplate(connections);
        ages = new QueueAges(rabbit, topology, Clock.fixed(now, java.time.ZoneOffset.UTC), meters);
    }

    @AfterEach
    void leaveTheBrokerAsFound() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        connections.destroy();
    }

    @Test
    void emptyQueuesAreZeroSecondsOld() {
        ages.refresh();
        for (String queue : topology.allQueues()) {
            assertThat(age(queue)).as(queue).isZero();
        }
    }

    @Test
    void aDeadLetterIsAsOldAsItsLastFailureAndThePeekLeavesItThere() {
        MessageProperties props = new MessageProperties();
        props.setHeader(FailureHeaders.LAST_FAILED_AT, now.minusSeconds(120).toString());
        rabbit.send("", topology.deadLetterQueue(), new Message("x".getBytes(), props));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.getQueueInfo(topology.deadLetterQueue()).getMessageCount() == 1);

        ages.refresh();
        ages.refresh();

        assertThat(age(topology.deadLetterQueue())).isCloseTo(120.0, within(0.01));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getQueueInfo(topology.deadLetterQueue()).getMessageCount() == 1);
    }

    @Test
    void theInputQueueAgeIsThatOfTheLastMessageTakenWhileOthersWait() {
        rabbit.send(topology.exchange(), Topology.ROUTING_KEY, new Message("waiting".getBytes(), new MessageProperties()));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.getQueueInfo(topology.inputQueue()).getMessageCount() == 1);
        ages.taken(now.minusSeconds(30));
        ages.refresh();
        assertThat(age(topology.inputQueue())).isCloseTo(30.0, within(0.01));

        admin.purgeQueue(topology.inputQueue());
        ages.refresh();
        assertThat(age(topology.inputQueue())).isZero();
    }

    private double age(String queue) {
        return meters.get("rdploomes.queue.oldest.message.age").tag("queue", queue).gauge().value();
    }
}
