package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;

/**
 * The worker's failure rules, each provoked through the simulator's faults on the real broker: a read
 * timeout, a dropped connection, 5xx, 429 with and without Retry-After (the pause holds every call of the
 * process), a Ploomes that stays down, and a huge error body. Each test checks where the conversion went and
 * that nothing was created twice.
 */
class FailureRulesIT {

    private static final String PREFIX = TestBroker.uniquePrefix("e2e-rules");
    private static final Topology TOPOLOGY = new Topology(PREFIX, List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), 20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        worker = Services.worker("ploomes-worker-rules", common, Services.base(simulatorProcess), Map.of(
                "PLOOMES_READ_TIMEOUT", "1s",
                "PLOOMES_RATE_LIMITED_WAIT", "3s",
                // two consumers, one message each: a second conversion is in another thread while the first waits
                "WORKER_CONCURRENCY", "2",
                "WORKER_PREFETCH", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
        simulatorProcess.close();
        broker.deleteTopology();
        broker.close();
    }

    @BeforeEach
    void cleanSlate() {
        simulator.reset();
        broker.purgeAll();
    }

    @Test
    void aReadTimeoutOnALookupIsRetriedAtOnceInProcess() {
        simulator.fault("{\"method\":\"GET\",\"path\":\"/Contacts\",\"delayMs\":2500,\"times\":1}");
        double retried = workerMetric("rdploomes_worker_retried_total");

        String email = publishNew();

        awaitNotes(1);
        assertThat(simulator.calls("GET /Contacts")).isEqualTo(2);
        assertOneContactAndOneDeal(email);
        assertThat(workerMetric("rdploomes_worker_retried_total")).as("no retry tier needed").isEqualTo(retried);
    }

    @Test
    void aReadTimeoutOnACreateGoesThroughARetryTierAndCreatesNothingTwice() {
        // the contact is written after 1.5 s, past the 1 s read timeout; repeating the POST at once could
        // duplicate it, so the conversion waits in the 2 s tier and its lookup then finds the contact
        simulator.fault("{\"method\":\"POST\",\"path\":\"/Contacts\",\"delayMs\":1500,\"times\":1}");
        double retried = workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable");

        String email = publishNew();

        awaitNotes(1);
        assertThat(simulator.calls("POST /Contacts")).isEqualTo(1);
        assertOneContactAndOneDeal(email);
        assertThat(workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable") - retried).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionOnACreateGoesThroughARetryTier() {
        simulator.fault("{\"method\":\"POST\",\"path\":\"/Deals\",\"drop\":true,\"times\":1}");
        double retried = workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable");

        String email = publishNew();

        awaitNotes(1);
        assertThat(simulator.calls("POST /Deals")).isEqualTo(2);
        assertOneContactAndOneDeal(email);
        assertThat(workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable") - retried).isEqualTo(1);
    }

    @Test
    void a503IsRetriedInProcessAndHeals() {
        simulator.fault("{\"method\":\"POST\",\"path\":\"/InteractionRecords\",\"status\":503,\"times\":2}");
        double retried = workerMetric("rdploomes_worker_retried_total");

        String email = publishNew();

        awaitNotes(1);
        assertThat(simulator.calls("POST /InteractionRecords")).isEqualTo(3);
        assertOneContactAndOneDeal(email);
        assertThat(workerMetric("rdploomes_worker_retried_total")).isEqualTo(retried);
    }

    @Test
    void a500OnACreateIsNotRepeatedBlindlyButRetriedThroughATier() {
        // a 500 may come after the deal was written: only a lookup first may try again
        simulator.fault("{\"method\":\"POST\",\"path\":\"/Deals\",\"status\":500,\"times\":1}");
        double retried = workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable");

        String email = publishNew();

        awaitNotes(1);
        assertThat(simulator.calls("POST /Deals")).isEqualTo(2);
        // the retry's contact lookup shows the contact's deals ($expand=Deals): one written despite the 500 is seen
        assertThat(simulator.calls("GET /Contacts")).as("the retry looked for the contact and its open deal").isEqualTo(2);
        assertThat(simulator.calls("GET /Deals")).isZero();
        assertOneContactAndOneDeal(email);
        assertThat(workerMetric("rdploomes_worker_retried_total", "ploomes-unavailable") - retried).isEqualTo(1);
    }

    @Test
    void aPloomesThatStaysDownEndsInTheDlqAfterEveryTierWithTheBodyUnchanged() {
        simulator.fault("{\"method\":\"GET\",\"path\":\"/Contacts\",\"status\":503,\"forSeconds\":60}");
        Conversion conversion = BrokerQueues.conversion("down-" + UUID.randomUUID(), "down@example.com");
        broker.publish(conversion);

        Message dead = broker.receive(TOPOLOGY.deadLetterQueue(), 30_000);

        assertThat(dead).as("dead-lettered after the tiers").isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(conversion.id());
        assertThat(new ConversionCodec().decode(dead.getBody())).isEqualTo(conversion);
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.REASON)).isEqualTo("ploomes-unavailable");
        assertThat(dead.getMessageProperties().<Object>getHeader(FailureHeaders.ATTEMPT)).isEqualTo(3);
        assertThat(dead.getMessageProperties().<Object>getHeader(FailureHeaders.LAST_HTTP_STATUS)).isEqualTo(503);
        // 3 attempts (first, after the 2 s tier, after the 3 s tier) of 3 in-process tries each
        assertThat(simulator.calls("GET /Contacts")).isEqualTo(9);
        simulator.clearFaults();
        assertThat(simulator.list("/Contacts")).isEmpty();
    }

    @Test
    void aHugeErrorBodyIsDeadLetteredWithABoundedDetail() {
        String huge = "{\"error\":{\"message\":\"" + "x".repeat(1_000_000) + "\"}}";
        simulator.fault("{\"method\":\"POST\",\"path\":\"/Contacts\",\"status\":400,\"times\":1,\"body\":\"" + huge.replace("\"", "\\\"") + "\"}");
        Conversion conversion = BrokerQueues.conversion("huge-" + UUID.randomUUID(), "huge@example.com");
        broker.publish(conversion);

        Message dead = broker.receive(TOPOLOGY.deadLetterQueue(), 20_000);

        assertThat(dead).as("dead-lettered at once").isNotNull();
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.REASON)).isEqualTo("ploomes-4xx");
        assertThat(dead.getMessageProperties().<String>getHeader(FailureHeaders.DETAIL).getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(1_024);
        assertThat(new ConversionCodec().decode(dead.getBody())).isEqualTo(conversion);
        assertThat(simulator.calls("POST /Contacts")).as("a 4xx is not repeated").isEqualTo(1);
    }

    @Test
    void a429WithRetryAfterPausesEveryCallOfTheWorkerNotOnlyTheOneThatHitIt() {
        simulator.fault("{\"method\":\"GET\",\"path\":\"/Contacts\",\"status\":429,\"retryAfter\":4,\"times\":1}");
        assertPausedForEveryone(4);
    }

    @Test
    void a429WithoutRetryAfterPausesForTheConfiguredWait() {
        // PLOOMES_RATE_LIMITED_WAIT=3s for this worker (60 s in production)
        simulator.fault("{\"method\":\"GET\",\"path\":\"/Contacts\",\"status\":429,\"times\":1}");
        assertPausedForEveryone(3);
    }

    /** A hits the 429; B, in the worker's other consumer, must make no call either until the pause is over. */
    private void assertPausedForEveryone(int pauseSeconds) {
        String first = publishNew();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.faultsServed() == 1);
        long pausedAt = System.nanoTime();
        int callsAtPause = simulator.totalCalls();

        String second = publishNew();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.ready(TOPOLOGY.inputQueue()) == 0); // B was delivered
        await().during(Duration.ofMillis((pauseSeconds - 1) * 1000L)).atMost(Duration.ofSeconds(pauseSeconds))
                .until(() -> simulator.totalCalls() == callsAtPause);

        awaitNotes(2);
        assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(pauseSeconds - 1));
        assertOneContactAndOneDeal(first);
        assertOneContactAndOneDeal(second);
        assertThat(simulator.stats().path("rateLimited").asInt()).isZero();
    }

    private String publishNew() {
        String email = "rules-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        broker.publish(BrokerQueues.conversion("rules-" + email, email));
        return email;
    }

    private void awaitNotes(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.list("/InteractionRecords").size() == count);
    }

    private void assertOneContactAndOneDeal(String email) {
        List<JsonNode> contacts = simulator.contactsWithEmail(email);
        assertThat(contacts).as("contacts of " + email).hasSize(1);
        assertThat(simulator.dealsOf(contacts.getFirst().get("Id").asLong())).as("deals of " + email).hasSize(1);
    }

    /** A worker counter from its Prometheus page, summed over the series that carry the tag value (if given). */
    private static double workerMetric(String name, String... tagValue) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(worker.url("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return text.lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .filter(line -> tagValue.length == 0 || line.contains("\"" + tagValue[0] + "\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the worker's metrics", e);
        }
    }
}
