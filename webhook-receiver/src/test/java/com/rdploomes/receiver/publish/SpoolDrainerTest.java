package com.rdploomes.receiver.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The drainer against the real broker, reached through a proxy this test can cut: what a restarted receiver
 * finds in its spool is published in order, a broker that is down leaves the spool as it is, a corrupt file
 * is moved aside without blocking the rest, and a missing queue is declared again.
 */
class SpoolDrainerTest {

    private final ConversionCodec codec = new ConversionCodec();
    private final Topology topology = new Topology(TestBroker.uniquePrefix("spool-drainer"),
            Topology.DEFAULT_RETRY_DELAYS, Topology.DEFAULT_DELIVERY_LIMIT);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Path dir = TestConversions.tempDir("drainer");
    private TcpProxy proxy;
    private CachingConnectionFactory viaProxy;
    private CachingConnectionFactory direct;
    private RabbitAdmin admin;
    private RabbitTemplate reader;
    private ConversionPublisher publisher;

    @BeforeEach
    void connect() {
        proxy = TcpProxy.toBroker();
        viaProxy = connections("127.0.0.1", proxy.port());
        viaProxy.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        viaProxy.setPublisherReturns(true);
        RabbitTemplate template = new RabbitTemplate(viaProxy);
        template.setMandatory(true);
        publisher = new ConversionPublisher(template, topology, codec, new PublishProperties(Duration.ofSeconds(2)));

        TestBroker broker = TestBroker.get();
        direct = connections(broker.host(), broker.port());
        admin = new RabbitAdmin(direct);
        declare(admin, topology);
        reader = new RabbitTemplate(direct);
    }

    @AfterEach
    void cleanUp() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        viaProxy.destroy();
        direct.destroy();
        proxy.close();
        TestConversions.delete(dir);
    }

    @Test
    void aRestartedReceiverPublishesWhatItsSpoolHeldInOrder() throws Exception {
        try (Spool before = Spool.open(dir, 1_000_000, codec)) {
            before.append(List.of(TestConversions.of("r1"), TestConversions.of("r2")));
            before.append(List.of(TestConversions.of("r3")));
            before.append(List.of(TestConversions.of("r4")));
        }
        try (Spool after = Spool.open(dir, 1_000_000, codec)) {
            SpoolDrainer drainer = drainer(after);

            assertThat(drainer.drain()).isEqualTo(4);

            assertThat(inputQueueIds(4)).containsExactly("r1", "r2", "r3", "r4");
            assertThat(after.isEmpty()).isTrue();
            assertThat(batchFiles()).isEmpty();
            assertThat(meters.get("rdploomes.spool.drained").counter().count()).isEqualTo(4);
            assertThat(meters.get("rdploomes.spool.depth").gauge().value()).isZero();
        }
    }

    @Test
    void whileTheBrokerIsDownNothingLeavesTheSpoolAndItAllGoesOnceItIsBack() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            spool.append(List.of(TestConversions.of("d1")));
            spool.append(List.of(TestConversions.of("d2")));
            SpoolDrainer drainer = drainer(spool);
            proxy.cut();

            assertThat(drainer.drain()).isZero();
            assertThat(spool.depth()).isEqualTo(2);
            assertThat(batchFiles()).hasSize(2);

            proxy.restore();
            assertThat(drainer.drain()).isEqualTo(2);
            assertThat(inputQueueIds(2)).containsExactly("d1", "d2");
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheBatchesBehindItGoOn() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            spool.append(List.of(TestConversions.of("c1")));
            Spool.SpooledBatch damaged = spool.append(List.of(TestConversions.of("c2")));
            spool.append(List.of(TestConversions.of("c3")));
            Files.writeString(damaged.path(), "not a spool file at all");

            assertThat(drainer(spool).drain()).isEqualTo(2);

            assertThat(inputQueueIds(2)).containsExactly("c1", "c3");
            assertThat(spool.isEmpty()).isTrue();
            try (Stream<Path> corrupt = Files.list(dir.resolve(Spool.CORRUPT_DIR))) {
                assertThat(corrupt.map(p -> p.getFileName().toString()))
                        .singleElement().satisfies(name -> assertThat(name).startsWith(damaged.path().getFileName().toString()));
            }
            assertThat(meters.get("rdploomes.spool.corrupt").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aBatchTheBrokerCannotRouteStaysAndTheTopologyIsDeclaredAgain() throws Exception {
        admin.deleteQueue(topology.inputQueue());
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            spool.append(List.of(TestConversions.of("u1")));
            SpoolDrainer drainer = new SpoolDrainer(spool, publisher, new TopologyRedeclaringAdmin(viaProxy, topology),
                    new SpoolMetrics(meters, spool), Duration.ofSeconds(1));

            assertThat(drainer.drain()).as("returned as unroutable").isZero();
            assertThat(spool.depth()).isEqualTo(1);
            assertThat(admin.getQueueInfo(topology.inputQueue())).as("declared again").isNotNull();

            assertThat(drainer.drain()).isEqualTo(1);
            assertThat(inputQueueIds(1)).containsExactly("u1");
        }
    }

    private SpoolDrainer drainer(Spool spool) {
        return new SpoolDrainer(spool, publisher, admin, new SpoolMetrics(meters, spool), Duration.ofSeconds(1));
    }

    /** Takes the expected number of messages off the input queue, in order, as conversion ids, and checks none is left. */
    private List<String> inputQueueIds(int expected) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message message = reader.receive(topology.inputQueue());
            if (message != null) {
                ids.add(codec.decode(message.getBody()).id());
            }
            return ids.size() >= expected;
        });
        assertThat(reader.receive(topology.inputQueue())).as("nothing more in the input queue").isNull();
        return ids;
    }

    private List<Path> batchFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(Spool.SUFFIX)).toList();
        }
    }

    private static CachingConnectionFactory connections(String host, int port) {
        TestBroker broker = TestBroker.get();
        CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    /** The receiver's admin as Spring wires it: {@code initialize()} declares the topology's declarables. */
    private static final class TopologyRedeclaringAdmin extends RabbitAdmin {
        private final Topology topology;

        TopologyRedeclaringAdmin(CachingConnectionFactory connections, Topology topology) {
            super(connections);
            this.topology = topology;
        }

        @Override
        public void initialize() {
            declare(this, topology);
        }
    }

    private static void declare(RabbitAdmin admin, Topology topology) {
        topology.declarables().getDeclarables().forEach(d -> {
            switch (d) {
                case Exchange e -> admin.declareExchange(e);
                case Queue q -> admin.declareQueue(q);
                case Binding b -> admin.declareBinding(b);
                default -> throw new IllegalStateException("unexpected " + d);
            }
        });
    }
}
