package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A broker outage as both services see it: they reach RabbitMQ through a proxy the test cuts (every connection
 * closed, new ones refused) and restores, while the shared broker stays up for the other tests. The outage
 * starts while the worker has a conversion in flight; webhooks keep arriving during it. Afterwards both
 * services have reconnected by themselves, the receiver's spool is drained, the worker consumed everything,
 * nothing is left unacked, and no lead has two contacts or two deals.
 */
class BrokerOutageIT {

    private static final String PREFIX = TestBroker.uniquePrefix("e2e-outage");
    private static final Topology TOPOLOGY = new Topology(PREFIX, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TcpProxy proxy;
    private static Path spool;
    private static ServiceProcess simulatorProcess;
    private static ServiceProcess worker;
    private static ServiceProcess receiver;
    private static Simulator simulator;
    private static BrokerQueues broker;

    @BeforeAll
    static void start() throws Exception {
        proxy = TcpProxy.toBroker();
        spool = Files.createTempDirectory("rdploomes-e2e-spool-");
        Map<String, String> direct = Services.common(TestBroker.get().environment(), PREFIX, "1s,2s");
        Map<String, String> viaProxy = Services.common(proxy.environment(), PREFIX, "1s,2s");
        simulatorProcess = Services.simulator(direct);
        simulator = new Simulator(Services.base(simulatorProcess), Services.PLOOMES_KEY);
        broker = new BrokerQueues(TOPOLOGY);
        worker = Services.worker("ploomes-worker-outage", viaProxy, Services.base(simulatorProcess), Map.of());
        receiver = Services.receiver("webhook-receiver-outage", viaProxy, spool, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {receiver, worker, simulatorProcess}) {
            if (service != null) {
                service.close();
            }
        }
        proxy.close();
        broker.deleteTopology();
        broker.close();
        try (var files = Files.walk(spool)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void bothServicesRideOutABrokerOutageAndEveryLeadEndsInPloomesOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(post(newEmail(emails)).get("spooled").booleanValue()).isFalse();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.list("/InteractionRecords").size() == 3);

        // the outage begins while the worker waits on Ploomes for a conversion's note
        simulator.fault("{\"method\":\"POST\",\"path\":\"/InteractionRecords\",\"delayMs\":3000,\"times\":1}");
        post(newEmail(emails));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.calls("POST /InteractionRecords") == 4);
        proxy.cut();

        for (int i = 0; i < 4; i++) {
            assertThat(post(newEmail(emails)).get("spooled").booleanValue()).as("answered from the spool").isTrue();
        }
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(receiver.url("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("the receiver stays healthy through the outage").isEqualTo(200);
        assertThat(JSON.readTree(health.body()).at("/components/spool/details/depth").asInt()).isEqualTo(4);

        proxy.restore();

        await().atMost(Duration.ofSeconds(90)).until(() -> everyLeadHasItsContactAndDeal(emails));
        await().atMost(Duration.ofSeconds(30)).until(() -> spoolDepth() == 0 && broker.ready(TOPOLOGY.inputQueue()) == 0);
        for (String email : emails) {
            List<JsonNode> contacts = simulator.contactsWithEmail(email);
            assertThat(contacts).as(email).hasSize(1);
            assertThat(simulator.dealsOf(contacts.getFirst().get("Id").asLong())).as("deals of " + email).hasSize(1);
        }
        // one note per lead: the last may still be on its way when the contacts and deals are there (and a
        // redelivered conversion writes no second note, so none stands in for it)
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.list("/InteractionRecords").size() >= emails.size());
        assertThat(broker.consumers(TOPOLOGY.inputQueue())).as("the worker's listener is back").isPositive();
        assertThat(broker.ready(TOPOLOGY.deadLetterQueue())).isZero();

        // a graceful stop closes the worker's channel: an unacked delivery would come back to the queue now
        worker.close();
        worker = null;
        assertThat(broker.ready(TOPOLOGY.inputQueue())).as("nothing was left unacked").isZero();
    }

    private boolean everyLeadHasItsContactAndDeal(List<String> emails) {
        List<JsonNode> contacts = simulator.list("/Contacts");
        List<JsonNode> deals = simulator.list("/Deals");
        return contacts.size() >= emails.size() && deals.size() >= emails.size();
    }

    private int spoolDepth() throws IOException, InterruptedException {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(receiver.url("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).at("/components/spool/details/depth").asInt();
    }

    private static String newEmail(List<String> emails) {
        String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        emails.add(email);
        return email;
    }

    private JsonNode post(String email) throws IOException, InterruptedException {
        String body = "{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"" + email + "\",\"name\":\"Outage Lead\"}}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Token", Services.WEBHOOK_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body());
    }
}
