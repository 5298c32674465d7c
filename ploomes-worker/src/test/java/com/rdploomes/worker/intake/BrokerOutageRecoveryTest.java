package com.rdploomes.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
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
import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.worker.crm.Conversions;
import com.rdploomes.worker.ploomes.FakePloomes;

/**
 * The worker reaches RabbitMQ through a proxy the test cuts and restores: a broker outage as the worker sees
 * it, without restarting the broker the other tests share. After the outage the listener reconnects and
 * resumes by itself, consumes what was published meanwhile, and leaves nothing unacked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closed after the class, so that nothing redeclares the topology its @AfterAll deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerOutageRecoveryTest {

    private static final String PREFIX = TestBroker.uniquePrefix("worker-outage");
    private static final FakePloomes PLOOMES = start();
    private static final TcpProxy PROXY = TcpProxy.toBroker();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PROXY.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.rabbitmq.connection-timeout", () -> "2s");
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.topology.retry-delays", () -> "200ms");
        WorkerTestSettings.ploomes(registry, PLOOMES::url);
    }

    @Autowired
    Topology topology;
    @Autowired
    RabbitListenerEndpointRegistry listeners;

    private final ConversionCodec codec = new ConversionCodec();

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners, @Autowired Topology topology) {
        listeners.stop();
        PROXY.close();
        try (Direct direct = new Direct()) {
            topology.allQueues().forEach(direct.admin::deleteQueue);
            direct.admin.deleteExchange(topology.exchange());
        }
        PLOOMES.close();
    }

    @Test
    void afterAnOutageTheListenerReconnectsByItselfAndConsumesWhatWaited() {
        try (Direct direct = new Direct()) {
            publish(direct, "before-outage");
            await().atMost(Duration.ofSeconds(20)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
            int connectionsBefore = PROXY.acceptedConnections();

            PROXY.cut();
            publish(direct, "during-outage");
            // the worker cannot see the message while the broker is away from it
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
            assertThat(direct.admin.getQueueInfo(topology.inputQueue()).getMessageCount()).isEqualTo(1);

            PROXY.restore();

            await().atMost(Duration.ofSeconds(30)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 2);
            assertThat(PROXY.acceptedConnections()).as("the worker reconnected").isGreaterThan(connectionsBefore);
            // stopping the consumer returns any unacked delivery to the queue: none may come back
            listeners.stop();
            try {
                assertThat(direct.admin.getQueueInfo(topology.inputQueue()).getMessageCount()).isZero();
                assertThat(direct.admin.getQueueInfo(topology.deadLetterQueue()).getMessageCount()).isZero();
            } finally {
                listeners.start();
            }
        }
    }

    private void publish(Direct direct, String id) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(id);
        props.setContentType(ConversionCodec.CONTENT_TYPE);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        direct.rabbit.send(topology.exchange(), Topology.ROUTING_KEY,
                new Message(codec.encode(Conversions.of(id, id + "@example.com", "Lead " + id, List.of())), props));
    }

    /** The test's own connection to the broker, not through the proxy. */
    private static final class Direct implements AutoCloseable {
        final CachingConnectionFactory connections;
        final RabbitAdmin admin;
        final RabbitTemplate rabbit;

        Direct() {
            TestBroker broker = TestBroker.get();
            connections = new CachingConnectionFactory(broker.host(), broker.port());
            connections.setUsername(broker.username());
            connections.setPassword(broker.password());
            connections.setVirtualHost(broker.virtualHost());
            admin = new RabbitAdmin(connections);
            rabbit = new RabbitTemplate(connections);
        }

        @Override
        public void close() {
            connections.destroy();
        }
    }

    private static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
