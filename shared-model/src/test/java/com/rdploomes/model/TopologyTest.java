package com.rdploomes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

class TopologyTest {

    private final TestBroker broker = TestBroker.get();
    private final CachingConnectionFactory connections = broker.connectionFactory();
    private final RabbitAdmin admin = new RabbitAdmin(connections);
    private final Topology topology = new Topology(TestBroker.uniquePrefix("topology"),
            List.of(Duration.ofMillis(300), Duration.ofMinutes(5), Duration.ofHours(2)), 5);

    @AfterEach
    void leaveTheBrokerAsFound() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        connections.destroy();
    }

    @Test
    void namesFollowTheDesign() {
        Topology defaults = Topology.defaults();
        assertThat(defaults.exchange()).isEqualTo("rd.conversions");
        assertThat(defaults.inputQueue()).isEqualTo("ploomes.conversions");
        assertThat(defaults.deadLetterQueue()).isEqualTo("ploomes.conversions.dlq");
        assertThat(defaults.retryQueues()).containsExactly("ploomes.conversions.retry.30s",
                "ploomes.conversions.retry.5m", "ploomes.conversions.retry.30m", "ploomes.conversions.retry.2h");
        assertThat(topology.retryQueue(0)).endsWith(".retry.300ms");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Topology("", List.of(Duration.ZERO), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topology("", List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void declaringTwiceIsHarmlessAndTheTiersRouteBackToTheInput() {
        declare();
        declare(); // the second process starting does the same: it must not fail

        for (String queue : topology.allQueues()) {
            assertThat(admin.getQueueProperties(queue)).as(queue).isNotNull();
        }
        // queues that operators read (DLQ) or that are peeked (tiers) must not count those reads to a drop
        java.util.Map<String, Object> arguments = new java.util.HashMap<>();
        topology.declarables().getDeclarablesByType(Queue.class).forEach(q -> {
            if (!q.getName().equals(topology.inputQueue())) {
                assertThat(q.getArguments()).as(q.getName()).containsEntry("x-delivery-limit", Integer.MAX_VALUE);
            } else {
                arguments.putAll(q.getArguments());
            }
        });
        assertThat(arguments).containsEntry("x-delivery-limit", 5).containsEntry("x-dead-letter-strategy", "at-least-once");

        RabbitTemplate template = new RabbitTemplate(connections);
        MessageProperties props = new MessageProperties();
        template.send("", topology.retryQueue(0), new org.springframework.amqp.core.Message("hello".getBytes(), props));
        // the 300 ms tier's TTL expires and dead-letters it to the input queue
        var back = template.receive(topology.inputQueue(), 10_000);
        assertThat(back).isNotNull();
        assertThat(new String(back.getBody())).isEqualTo("hello");

        template.convertAndSend(topology.exchange(), Topology.ROUTING_KEY, "via exchange");
        assertThat(template.receiveAndConvert(topology.inputQueue(), 5_000)).isEqualTo("via exchange");
    }

    private void declare() {
        topology.declarables().getDeclarables().forEach(d -> {
            if (d instanceof Queue q) {
                admin.declareQueue(q);
            } else if (d instanceof org.springframework.amqp.core.Exchange e) {
                admin.declareExchange(e);
            } else if (d instanceof org.springframework.amqp.core.Binding b) {
                admin.declareBinding(b);
            }
        });
    }
}
