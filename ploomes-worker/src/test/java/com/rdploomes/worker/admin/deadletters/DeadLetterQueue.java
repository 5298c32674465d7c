package com.rdploomes.worker.admin.deadletters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.worker.crm.Conversions;

/**
 * A topology of its own on the real test broker, with dead letters parked the way the worker's FailureRouter parks
 * them, and ways to look at the queues afterwards. Deleted on close.
 */
public final class DeadLetterQueue implements AutoCloseable {

    private final TestBroker broker = TestBroker.get();
    private final Topology topology;
    private final ConnectionFactory factory;
    private final Connection connection;
    private final CachingConnectionFactory springFactory;
    private final RabbitAdmin admin;
    private final ConversionCodec codec = new ConversionCodec();

    private DeadLetterQueue(String testName) throws IOException, TimeoutException {
        this.topology = new Topology(TestBroker.uniquePrefix(testName), List.of(Duration.ofSeconds(30)), 20);
        this.factory = new BrokerSettings(broker.host(), broker.port(), broker.username(), broker.password(), broker.virtualHost())
                .connectionFactory();
        this.connection = factory.newConnection("dead-letter test fixture");
        this.springFactory = new CachingConnectionFactory(factory);
        this.admin = new RabbitAdmin(springFactory);
        for (Declarable declarable : topology.declarables().getDeclarables()) {
            switch (declarable) {
                case Exchange exchange -> admin.declareExchange(exchange);
                case Queue queue -> admin.declareQueue(queue);
                case Binding binding -> admin.declareBinding(binding);
                default -> throw new IllegalStateException("unexpected " + declarable);
            }
        }
    }

    public static DeadLetterQueue create(String testName) {
        try {
            return new DeadLetterQueue(testName);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public BrokerConnections connections() {
        return BrokerConnections.of(factory);
    }

    public DeadLetters deadLetters(Duration maxHold, DeadLetterEvents events) {
        return new DeadLetters(connections(), topology, Clock.systemUTC(), Duration.ofSeconds(5), maxHold, events);
    }

    public DeadLetters deadLetters() {
        return deadLetters(DeadLetters.DEFAULT_MAX_HOLD, DeadLetterEvents.NONE);
    }

    /** The environment the command line reads, pointing at this topology. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(broker.environment());
        env.put("TOPOLOGY_PREFIX", topology.prefix());
        env.put("RETRY_DELAYS", "30s");
        return env;
    }

    /** Parks a conversion of this lead as the worker does after Ploomes refused it. */
    public void park(String id, String email, String reason, int status, String detail, Instant failedAt) {
        byte[] body = codec.encode(Conversions.of(id, email, "Lead " + id, List.of()));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ConversionCodec.SCHEMA_HEADER, 1);
        headers.put(FailureHeaders.ATTEMPT, status >= 500 || status == 429 ? 5 : 1);
        headers.put(FailureHeaders.REASON, reason);
        headers.put(FailureHeaders.DETAIL, detail);
        headers.put(FailureHeaders.LAST_HTTP_STATUS, status);
        headers.put(FailureHeaders.FIRST_FAILED_AT, failedAt.minusSeconds(60).toString());
        headers.put(FailureHeaders.LAST_FAILED_AT, failedAt.toString());
        publish(topology.deadLetterQueue(), properties(id, headers), body);
    }

    public void park(String id, String email, String reason) {
        park(id, email, reason, reason.equals("ploomes-4xx") ? 400 : 503, reason + " detail for " + id, Instant.now().minusSeconds(600));
    }

    public AMQP.BasicProperties properties(String id, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .contentType(ConversionCodec.CONTENT_TYPE)
                .deliveryMode(2)
                .timestamp(Date.from(Instant.parse("2024-05-20T19:40:13Z")))
                .headers(headers)
                .build();
    }

    public void publish(String queue, AMQP.BasicProperties properties, byte[] body) {
        try {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            channel.basicPublish("", queue, true, properties, body);
            channel.waitForConfirmsOrDie(5_000);
            channel.close();
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public long depth(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message of the queue, in order, handed back afterwards (a nack, as the tools do). */
    public List<Message> peek(String queue) {
        return read(queue, false);
    }

    /** Every message of the queue, in order, removed. */
    public List<Message> drain(String queue) {
        return read(queue, true);
    }

    public List<String> ids(String queue) {
        return peek(queue).stream().map(Message::id).toList();
    }

    private List<Message> read(String queue, boolean remove) {
        List<Message> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse response;
            long last = 0;
            while ((response = channel.basicGet(queue, false)) != null) {
                messages.add(new Message(response.getProps(), response.getBody()));
                last = response.getEnvelope().getDeliveryTag();
            }
            if (last > 0) {
                if (remove) {
                    channel.basicAck(last, true);
                } else {
                    channel.basicNack(last, true, true);
                    // a quorum queue applies the return a moment later; what follows must see them all again
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                            .until(() -> channel.queueDeclarePassive(queue).getMessageCount() >= messages.size());
                }
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    public void deleteQueue(String queue) {
        admin.deleteQueue(queue);
    }

    @Override
    public void close() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        springFactory.destroy();
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // already closed by the broker
        }
    }

    public record Message(AMQP.BasicProperties properties, byte[] body) {

        public String id() {
            return properties.getMessageId();
        }

        public Object header(String name) {
            Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(name);
            return value instanceof com.rabbitmq.client.LongString s ? new String(s.getBytes(), StandardCharsets.UTF_8) : value;
        }
    }
}
