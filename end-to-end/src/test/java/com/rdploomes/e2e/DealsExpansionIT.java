package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;

/**
 * The contact lookup's {@code $expand=Deals} against the simulator, with a worker of its own (the fallback
 * lasts as long as the worker process): a returning lead's open deal comes with its contact, and a Ploomes
 * that refuses the expansion (simulator setting {@code contactDeals: false}) turns the worker, for good, to
 * the lookup without it plus a separate deal lookup, still with one contact and one deal.
 */
class DealsExpansionIT {

    private static final String PREFIX = TestBroker.uniquePrefix("e2e-deals");
    private static final Topology TOPOLOGY = new Topology(PREFIX, List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), 20);

    private static final List<String> CALLS =
            List.of("GET /Contacts", "POST /Contacts", "GET /Deals", "POST /Deals", "POST /InteractionRecords");

    private static ServiceProcess simulatorProcess;
    private static ServiceProcess worker;
    private static Simulator simulator;
    private static BrokerQueues broker;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> common = Services.common(TestBroker.get().environment(), PREFIX, "2s,3s");
        simulatorProcess = Services.simulator(common);
        simulator = new Simulator(Services.base(simulatorProcess), Services.PLOOMES_KEY);
        broker = new BrokerQueues(TOPOLOGY);
        broker.declare();
        worker = Services.worker("ploomes-worker-deals", common, Services.base(simulatorProcess), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
        simulatorProcess.close();
        broker.deleteTopology();
        broker.close();
    }

    @Test
    void aReturningLeadsOpenDealComesWithItsContactUntilPloomesRefusesTheExpansion() throws Exception {
        String lead = UUID.randomUUID().toString().substring(0, 8);
        String email = "deals-" + lead + "@example.com";

        Map<String, Integer> newLead = callsFor(lead, email, 1);
        assertThat(newLead).isEqualTo(Map.of("GET /Contacts", 1, "POST /Contacts", 1, "POST /Deals", 1,
                "POST /InteractionRecords", 1, "GET /Deals", 0));
        Map<String, Integer> returning = callsFor(lead, email, 2);
        assertThat(returning).as("the lookup saw the open deal").isEqualTo(Map.of("GET /Contacts", 1,
                "POST /Contacts", 0, "POST /Deals", 0, "POST /InteractionRecords", 1, "GET /Deals", 0));

        simulator.settings("{\"contactDeals\":false}");
        Map<String, Integer> refused = callsFor(lead, email, 3);
        assertThat(refused).as("refused, then the lookup without it and the deal lookup").isEqualTo(Map.of(
                "GET /Contacts", 2, "POST /Contacts", 0, "POST /Deals", 0, "POST /InteractionRecords", 1, "GET /Deals", 1));
        simulator.settings("{\"contactDeals\":true}");
        Map<String, Integer> afterwards = callsFor(lead, email, 4);
        assertThat(afterwards).as("not asked again by this worker").isEqualTo(Map.of("GET /Contacts", 1,
                "POST /Contacts", 0, "POST /Deals", 0, "POST /InteractionRecords", 1, "GET /Deals", 1));

        List<JsonNode> contacts = simulator.contactsWithEmail(email);
        assertThat(contacts).hasSize(1);
        long contactId = contacts.getFirst().get("Id").asLong();
        List<JsonNode> deals = simulator.dealsOf(contactId);
        assertThat(deals).hasSize(1);
        assertThat(simulator.list("/InteractionRecords")).hasSize(4)
                .allSatisfy(note -> assertThat(note.get("DealId").asLong()).isEqualTo(deals.getFirst().get("Id").asLong()));
        assertThat(worker.logText().lines().filter(line -> line.contains("$expand=Deals with 400: falling back")))
                .singleElement().asString().contains("WARN").doesNotContain(email);
    }

    /** Publishes one conversion of the lead and answers the Ploomes calls it cost, once its note is written. */
    private Map<String, Integer> callsFor(String lead, String email, int notesAfter) {
        Map<String, Integer> before = counts();
        broker.publish(BrokerQueues.conversion("deals-" + lead + "-" + notesAfter, email));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.list("/InteractionRecords").size() == notesAfter);
        Map<String, Integer> after = counts();
        return CALLS.stream().collect(Collectors.toMap(call -> call, call -> after.get(call) - before.get(call)));
    }

    private Map<String, Integer> counts() {
        JsonNode stats = simulator.stats().path("calls");
        return CALLS.stream().collect(Collectors.toMap(call -> call, call -> stats.path(call).asInt(0)));
    }
}
