package com.rdploomes.e2e;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.Lead;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.model.Traffic;

import tools.jackson.databind.node.JsonNodeFactory;

/** The test's own connection to the real broker (never through a test proxy): publish, look, clean up. */
public final class BrokerQueues implements AutoCloseable {

    private final Topology topology;
    private final CachingConnectionFactory connections;
    private final RabbitAdmin admin;
    private final RabbitTemplate rabbit;
    private final ConversionCodec codec = new ConversionCodec();

    public BrokerQueues(Topology topology) {
        this.topology = topology;
        TestBroker broker = TestBroker.get();
        connections = broker.connectionFactory();
        admin = new RabbitAdmin(connections);
        rabbit = new RabbitTemplate(connections);
    }

    /** The topology as both services declare it; declared here too, so the test can publish before they start. */
    public void declare() {
        topology.declarables().getDeclarables().forEach(d -> {
            switch (d) {
                case org.springframework.amqp.core.Exchange e -> admin.declareExchange(e);
                case org.springframework.amqp.core.Queue q -> admin.declareQueue(q);
                case org.springframework.amqp.core.Binding b -> admin.declareBinding(b);
                default -> throw new IllegalStateException("unexpected " + d);
            }
        });
    }

    /** Publishes a conversion exactly as the receiver does (same exchange, routing key and properties). */
    public void publish(Conversion conversion) {
        Message message = MessageBuilder.withBody(codec.encode(conversion))
                .setMessageId(conversion.id())
                .setContentType(ConversionCodec.CONTENT_TYPE)
                .setContentEncoding("utf-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(ConversionCodec.SCHEMA_HEADER, Conversion.SCHEMA_VERSION)
                .setTimestamp(Date.from(conversion.receivedAt()))
                .build();
        rabbit.send(topology.exchange(), Topology.ROUTING_KEY, message);
    }

    /** Messages ready in the queue (not those delivered and unacked); -1 when the queue does not exist. */
    public int ready(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? -1 : (int) info.getMessageCount();
    }

    /** Consumers on the queue right now. */
    public int consumers(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? 0 : info.getConsumerCount();
    }

    /** The next message, waiting up to the timeout for one; 0 or less: only what is there now. */
    public Message receive(String queue, long timeoutMillis) {
        return timeoutMillis <= 0 ? rabbit.receive(queue) : rabbit.receive(queue, timeoutMillis);
    }

    public void purgeAll() {
        topology.allQueues().forEach(queue -> admin.purgeQueue(queue, false));
    }

    public void deleteTopology() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
    }

    @Override
    public void close() {
        connections.destroy();
    }

    /** A conversion of a lead with this e-mail, as the receiver makes it from an Events-API body. */
    public static Conversion conversion(String id, String email) {
        var nodes = JsonNodeFactory.instance;
        Lead lead = new Lead(email, "Lead " + id, List.of(), null, null, null, null, List.of(), Map.of());
        return new Conversion(Conversion.SCHEMA_VERSION, id, Conversion.SourceFormat.EVENTS_API, "CONVERSION", null,
                Instant.now(), lead, RdIds.NONE, "e2e-form", Traffic.NONE, nodes.objectNode().put("email", email));
    }
}
