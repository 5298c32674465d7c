package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;

/**
 * A worker killed with SIGKILL in the middle of a conversion, while one of its Ploomes writes is in flight
 * (the simulator holds the answer back with {@code delayMs}). The delivery was never acked, so RabbitMQ hands
 * the conversion to the next worker, which must find what the dead one created: one contact and one deal.
 */
class WorkerCrashIT {

    private static final String PREFIX = TestBroker.uniquePrefix("e2e-crash");
    private static final Topology TOPOLOGY = new Topology(PREFIX, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 20);

    private static ServiceProcess simulatorProcess;
    private static Simulator simulator;
    private static BrokerQueues broker;
    private static Map<String, String> common;
    private static ServiceProcess worker;
    private static int workerRuns;

    @BeforeAll
    static void start() throws Exception {
        common = Services.common(TestBroker.get().environment(), PREFIX, "1s,2s");
        simulatorProcess = Services.simulator(common);
        simulator = new Simulator(Services.base(simulatorProcess), Services.PLOOMES_KEY);
        broker = new BrokerQueues(TOPOLOGY);
        broker.declare();
        worker = startWorker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        simulatorProcess.close();
        broker.deleteTopology();
        broker.close();
    }

    @BeforeEach
    void cleanSlate() {
        simulator.reset();
        broker.purgeAll();
    }

    @ParameterizedTest(name = "killed during {0}")
    @ValueSource(strings = {"/Contacts", "/Deals", "/InteractionRecords"})
    void aWorkerKilledMidConversionLeavesOneContactAndOneDeal(String slowWrite) throws Exception {
        String email = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        simulator.fault("{\"method\":\"POST\",\"path\":\"" + slowWrite + "\",\"delayMs\":4000,\"times\":1}");
        broker.publish(BrokerQueues.conversion("crash-" + email, email));

        // the write is in flight: it reached Ploomes, which has not answered yet
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.calls("POST " + slowWrite) == 1);
        worker.kill();
        assertThat(worker.isAlive()).isFalse();

        // The held-back write completes at Ploomes after its caller died, as a real one would; the next worker
        // is started once it has, so that what it must find is there (a lookup racing a write still in
        // Ploomes' hands is the one duplicate no client can prevent).
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.faultsServed() == 1
                && !simulator.list(slowWrite).isEmpty());
        assertThat(broker.ready(TOPOLOGY.inputQueue())).as("the unacked conversion went back to the queue").isEqualTo(1);

        worker = startWorker();

        await().atMost(Duration.ofSeconds(30)).until(() -> !simulator.list("/InteractionRecords").isEmpty()
                && broker.ready(TOPOLOGY.inputQueue()) == 0);
        List<JsonNode> contacts = simulator.contactsWithEmail(email);
        assertThat(contacts).as("contacts with the lead's e-mail").hasSize(1);
        assertThat(simulator.dealsOf(contacts.getFirst().get("Id").asLong())).as("deals of the contact").hasSize(1);
        assertThat(simulator.list("/Deals")).hasSize(1);
        assertThat(broker.ready(TOPOLOGY.deadLetterQueue())).isZero();
    }

    private static ServiceProcess startWorker() throws Exception {
        // a read timeout longer than the held-back answer: the worker must be killed mid-call, not time out
        return Services.worker("ploomes-worker-crash-" + (++workerRuns), common, Services.base(simulatorProcess),
                Map.of("PLOOMES_READ_TIMEOUT", "30s"));
    }
}
