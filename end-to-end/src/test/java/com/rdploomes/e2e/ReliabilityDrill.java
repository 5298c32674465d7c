package com.rdploomes.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reliability drill ({@code drill/run.sh}): the three services from their jars on the local RabbitMQ,
 * under a topology prefix of their own, a few hundred webhooks with unique e-mails posted while the drill
 * (a) takes the broker away from both services and gives it back, (b) kills the worker with SIGKILL and
 * starts a new one, and (c) makes Ploomes fail for a while (503s, 429s, dropped connections). Then it waits
 * for the faults to end and everything to drain, and prints sent / accepted / delivered / duplicates / lost /
 * dead-lettered. It passes (exit 0) when lost = 0, duplicates = 0 and every accepted conversion was delivered.
 *
 * <p>The broker outage is a TCP proxy between the services and RabbitMQ that the drill cuts (every connection
 * closed, new ones refused) and restores: to the services it is the broker going away, and the shared broker
 * other work may be using is never restarted. Settings: {@code DRILL_WEBHOOKS} (300), {@code DRILL_SECONDS}
 * (the sending window, 75).
 */
public final class ReliabilityDrill {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Short tiers, so the drill ends in minutes; their sum outlasts the Ploomes failure window, as production's do. */
    private static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));

    private final int webhooks;
    private final Duration window;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Topology topology = new Topology("drill." + runId + ".", RETRY_DELAYS, 20);
    private final Instant started = Instant.now();
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger spooledAnswers = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile long sendingStartNanos;
    private long lastProgress;

    private TcpProxy proxy;
    private Path spool;
    private Map<String, String> viaProxy;
    private ServiceProcess simulatorProcess;
    private ServiceProcess receiver;
    private volatile ServiceProcess worker;
    private Simulator simulator;
    private BrokerQueues broker;

    private ReliabilityDrill(int webhooks, Duration window) {
        this.webhooks = webhooks;
        this.window = window;
    }

    public static void main(String[] args) throws Exception {
        // the drill prints its own story; the AMQP client's INFO lines would drown it
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        int webhooks = Integer.parseInt(System.getenv().getOrDefault("DRILL_WEBHOOKS", "300"));
        Duration window = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("DRILL_SECONDS", "75")));
        ReliabilityDrill drill = new ReliabilityDrill(webhooks, window);
        boolean passed;
        try {
            drill.start();
            drill.run();
            passed = drill.report();
        } finally {
            drill.cleanUp();
        }
        System.exit(passed ? 0 : 1);
    }

    private void start() throws IOException {
        say("topology prefix " + topology.prefix() + " on RabbitMQ " + TestBroker.get().host() + ":" + TestBroker.get().port());
        proxy = TcpProxy.toBroker();
        spool = Files.createTempDirectory("rdploomes-drill-spool-");
        String delays = String.join(",", RETRY_DELAYS.stream().map(d -> d.toSeconds() + "s").toList());
        Map<String, String> direct = Services.common(TestBroker.get().environment(), topology.prefix(), delays);
        viaProxy = Services.common(proxy.environment(), topology.prefix(), delays);
        simulatorProcess = Services.simulator(direct);
        simulator = new Simulator(Services.base(simulatorProcess), Services.PLOOMES_KEY);
        broker = new BrokerQueues(topology);
        worker = startWorker(1);
        receiver = Services.receiver("drill-webhook-receiver", viaProxy, spool, Map.of());
        say("simulator, worker and receiver are up (logs in end-to-end/target/e2e-logs/drill-*.log)");
    }

    private ServiceProcess startWorker(int run) throws IOException {
        return Services.worker("drill-ploomes-worker-" + run, viaProxy, Services.base(simulatorProcess), Map.of(
                // the simulator has no rate limit; the default 100 a minute would make the drill last half an hour
                "PLOOMES_RATE_LIMIT_PER_MINUTE", "3000",
                "PLOOMES_READ_TIMEOUT", "5s"));
    }

    private void run() throws Exception {
        say("sending " + webhooks + " webhooks over " + window.toSeconds() + " s, with faults on the way");
        long seconds = window.toSeconds();
        sendingStartNanos = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(4);
             ExecutorService chaos = Executors.newSingleThreadExecutor()) {
            var faults = chaos.submit(() -> {
                chaos(seconds);
                return null;
            });
            long interval = window.toNanos() / webhooks;
            long begin = sendingStartNanos;
            for (int i = 0; i < webhooks; i++) {
                long due = begin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                senders.submit(() -> send(n));
            }
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
            faults.get();
        }
        simulator.clearFaults();
        say("sending done: " + sent.get() + " sent, " + accepted.size() + " accepted; faults cleared, waiting for the pipeline to drain");
        boolean drained = waitUntil(Duration.ofMinutes(5), this::drained);
        say(drained ? "drained" : "NOT drained after 5 minutes");
    }

    /** The faults, at fixed points of the sending window. */
    private void chaos(long seconds) throws Exception {
        pauseUntil(seconds * 12 / 100);
        awaitWriteInFlight("POST", "/InteractionRecords");
        say("(a) broker outage while the worker waits on Ploomes for a note: every connection of both services "
                + "to RabbitMQ is cut, new ones refused");
        proxy.cut();
        pauseUntil(seconds * 12 / 100 + 10);
        proxy.restore();
        say("(a) broker back after 10 s");

        pauseUntil(seconds * 40 / 100);
        awaitWriteInFlight("POST", "/Deals");
        ServiceProcess dying = worker;
        dying.kill();
        say("(b) worker killed with SIGKILL while its POST /Deals was in flight; starting a new one");
        worker = startWorker(2);
        say("(b) new worker up");

        pauseUntil(seconds * 60 / 100);
        say("(c) Ploomes fails: every call answers 503 for 15 s, then 429 (Retry-After 3) for 5 s, and 3 dropped POST /Deals");
        simulator.fault("{\"status\":503,\"forSeconds\":15}");
        pauseUntil(seconds * 60 / 100 + 15);
        simulator.fault("{\"status\":429,\"retryAfter\":3,\"forSeconds\":5}");
        simulator.fault("{\"method\":\"POST\",\"path\":\"/Deals\",\"drop\":true,\"times\":3}");
        pauseUntil(seconds * 60 / 100 + 20);
        say("(c) Ploomes answers normally again");
    }

    /**
     * Holds back Ploomes' answer to the next such write for 3 s and returns once that write is in flight, so the
     * fault that follows lands in the middle of a conversion rather than between two.
     */
    private void awaitWriteInFlight(String method, String path) throws InterruptedException {
        int served = simulator.faultsServed();
        simulator.fault("{\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"delayMs\":3000,\"times\":1}");
        if (!waitUntil(Duration.ofSeconds(20), () -> simulator.faultsServed() > served)) {
            say("no " + method + " " + path + " reached Ploomes within 20 s; going on regardless");
        }
    }

    /** Posts one lead; like RD, sends it again after a failure (up to 5 tries). */
    private void send(int n) {
        String email = "drill-" + runId + "-" + n + "@example.com";
        String body = n % 2 == 0
                ? "{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"" + email + "\",\"name\":\"Drill Lead " + n
                        + "\",\"cf_origem\":\"drill\"}}"
                : "{\"leads\":[{\"email\":\"" + email + "\",\"name\":\"Drill Lead " + n + "\",\"uuid\":\"drill-" + runId + "-"
                        + n + "\",\"last_conversion\":{\"created_at\":\"2025-01-01T00:00:00Z\",\"source\":\"drill\"}}]}";
        sent.incrementAndGet();
        for (int attempt = 1; attempt <= 5; attempt++) {
            String outcome;
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Webhook-Token", Services.WEBHOOK_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                outcome = Integer.toString(answer.statusCode());
                if (answer.statusCode() == 202) {
                    accepted.add(email);
                    if (JSON.readTree(answer.body()).path("spooled").asBoolean()) {
                        spooledAnswers.incrementAndGet();
                    }
                    outcomes.merge("202", 1, Integer::sum);
                    return;
                }
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            try {
                TimeUnit.SECONDS.sleep(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drained: the spool empty, no conversion waiting in the input queue or a retry tier, every accepted lead in Ploomes or the DLQ. */
    private boolean drained() {
        try {
            int spooled = spoolDepth();
            int waiting = 0;
            for (String queue : topology.allQueues()) {
                if (!queue.equals(topology.deadLetterQueue())) {
                    waiting += Math.max(0, broker.ready(queue));
                }
            }
            int delivered = delivered().size();
            int dead = broker.ready(topology.deadLetterQueue());
            if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                say("waiting: " + spooled + " in the spool, " + waiting + " queued or in retry tiers, " + delivered
                        + " of " + accepted.size() + " delivered, " + dead + " dead-lettered");
                lastProgress = System.nanoTime();
            }
            return spooled == 0 && waiting == 0 && delivered + dead >= accepted.size();
        } catch (RuntimeException | IOException | InterruptedException e) {
            return false;
        }
    }

    /** Accepted leads with a contact, an open deal and a note in Ploomes. */
    private Set<String> delivered() {
        Map<Long, String> contactEmails = new HashMap<>();
        for (JsonNode contact : simulator.list("/Contacts")) {
            contactEmails.put(contact.path("Id").asLong(), contact.path("Email").asString());
        }
        Set<String> withDeal = new HashSet<>();
        for (JsonNode deal : simulator.list("/Deals")) {
            withDeal.add(contactEmails.get(deal.path("ContactId").asLong()));
        }
        Set<String> withNote = new HashSet<>();
        for (JsonNode note : simulator.list("/InteractionRecords")) {
            withNote.add(contactEmails.get(note.path("ContactId").asLong()));
        }
        Set<String> delivered = new HashSet<>(accepted);
        delivered.retainAll(withDeal);
        delivered.retainAll(withNote);
        return delivered;
    }

    private boolean report() throws Exception {
        Map<String, Integer> contactsPerEmail = new HashMap<>();
        Map<Long, String> contactEmails = new HashMap<>();
        for (JsonNode contact : simulator.list("/Contacts")) {
            contactsPerEmail.merge(contact.path("Email").asString(), 1, Integer::sum);
            contactEmails.put(contact.path("Id").asLong(), contact.path("Email").asString());
        }
        Map<String, Integer> dealsPerEmail = new HashMap<>();
        for (JsonNode deal : simulator.list("/Deals")) {
            dealsPerEmail.merge(contactEmails.get(deal.path("ContactId").asLong()), 1, Integer::sum);
        }
        Map<String, Integer> notesPerEmail = new HashMap<>();
        for (JsonNode note : simulator.list("/InteractionRecords")) {
            notesPerEmail.merge(contactEmails.get(note.path("ContactId").asLong()), 1, Integer::sum);
        }
        int duplicates = 0;
        for (int count : contactsPerEmail.values()) {
            duplicates += count - 1;
        }
        for (int count : dealsPerEmail.values()) {
            duplicates += count - 1;
        }
        int repeatedNotes = 0;
        for (int count : notesPerEmail.values()) {
            repeatedNotes += count - 1;
        }
        Set<String> delivered = delivered();
        Set<String> deadLettered = new HashSet<>();
        int dlq = 0;
        Message dead;
        ConversionCodec codec = new ConversionCodec();
        while ((dead = broker.receive(topology.deadLetterQueue(), 0)) != null) {
            dlq++;
            try {
                deadLettered.add(codec.decode(dead.getBody()).lead().email());
            } catch (RuntimeException unreadable) {
                // counted in dead-lettered, matched to no lead
            }
        }
        Set<String> lost = new HashSet<>(accepted);
        lost.removeAll(delivered);
        lost.removeAll(deadLettered);
        int spooled = (int) receiverMetric("rdploomes_spool_spooled_total");
        boolean passed = lost.isEmpty() && duplicates == 0 && delivered.size() == accepted.size();

        System.out.println();
        System.out.println("rd-ploomes reliability drill, " + Duration.between(started, Instant.now()).toSeconds() + " s");
        System.out.printf("  sent                  %5d%n", sent.get());
        System.out.printf("  accepted (202)        %5d   (%d answered from the spool while the broker was away; answers %s)%n",
                accepted.size(), spooledAnswers.get(), new TreeMap<>(outcomes));
        System.out.printf("  delivered to Ploomes  %5d   (a contact, an open deal and a note)%n", delivered.size());
        System.out.printf("  duplicates            %5d   (contacts or deals beyond one per lead)%n", duplicates);
        System.out.printf("  lost                  %5d%n", lost.size());
        System.out.printf("  dead-lettered         %5d%n", dlq);
        System.out.printf("  notes written twice   %5d   (at-least-once: a conversion redelivered after the kill or the outage adds its note again)%n",
                repeatedNotes);
        System.out.printf("  spooled by receiver   %5d   (rdploomes_spool_spooled_total)%n", spooled);
        System.out.println("  result: " + (passed ? "PASS" : "FAIL") + " (bar: lost = 0, duplicates = 0, every accepted conversion delivered)");
        if (!lost.isEmpty()) {
            System.out.println("  lost leads: " + lost.stream().sorted().limit(20).toList());
        }
        return passed;
    }

    private void cleanUp() {
        say("cleaning up: stopping the services, deleting the drill's queues and spool");
        for (ServiceProcess service : new ServiceProcess[] {receiver, worker, simulatorProcess}) {
            if (service != null) {
                try {
                    service.close();
                } catch (Exception e) {
                    say("could not stop a service: " + e);
                }
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.deleteTopology();
            broker.close();
        }
        if (spool != null) {
            try (Stream<Path> files = Files.walk(spool)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                say("could not delete " + spool + ": " + e);
            }
        }
    }

    private int spoolDepth() throws IOException, InterruptedException {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(receiver.url("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).at("/components/spool/details/depth").asInt(-1);
    }

    private double receiverMetric(String name) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(receiver.url("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Sleeps until this many seconds after the start of sending (the drill's clock; a main, not a test). */
    private void pauseUntil(long secondsIntoWindow) throws InterruptedException {
        long wait = sendingStartNanos + TimeUnit.SECONDS.toNanos(secondsIntoWindow) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static boolean waitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private void say(String what) {
        System.out.println("[" + LocalTime.now().format(CLOCK) + "] " + what);
    }
}
