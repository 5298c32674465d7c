package com.rdploomes.logs;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import com.rdploomes.e2e.BrokerQueues;
import com.rdploomes.e2e.ServiceProcess;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.model.logs.EcsJsonLines;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The logs of a full run, as the containers write them (one JSON object a line): they never hold the
 * webhook token, the Ploomes key, a whole e-mail address or a phone number, and the conversion id follows
 * each conversion from the receiver's answer through every Ploomes call into its dead letter.
 */
class LogHygieneIT {

    private static final String TOKEN = "tok-7d1c9e0b5a4f4c2e8b3a";
    private static final String KEY = "key-3f9a8c7e6d5b4a39c2e1";
    private static final String PREFIX = TestBroker.uniquePrefix("logs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\(?\\d[\\d\\s().-]{6,}\\d");
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess simulator;
    private static ServiceProcess worker;
    private static ServiceProcess receiver;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> common = new HashMap<>(TestBroker.get().environment());
        common.put("TOPOLOGY_PREFIX", PREFIX);
        common.put("RETRY_DELAYS", "1s");
        common.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", EcsJsonLines.class.getName()); // as the image has it

        int simulatorPort = ServiceProcess.freePort();
        simulator = track(ServiceProcess.start("ploomes-simulator", "logs-simulator", simulatorPort,
                Map.of("SIMULATOR_PORT", Integer.toString(simulatorPort))));
        int workerPort = ServiceProcess.freePort();
        Map<String, String> workerEnv = new HashMap<>(common);
        workerEnv.putAll(Map.of("MANAGEMENT_PORT", Integer.toString(workerPort),
                "PLOOMES_API_URL", "http://127.0.0.1:" + simulatorPort, "PLOOMES_API_KEY", KEY,
                "PLOOMES_PIPELINE_ID", "40030343", "PLOOMES_STAGE_ID", "40303847", "PLOOMES_OWNER_ID", "120001"));
        worker = track(ServiceProcess.start("ploomes-worker", "logs-worker", workerPort, workerEnv));
        int receiverPort = ServiceProcess.freePort();
        Map<String, String> receiverEnv = new HashMap<>(common);
        receiverEnv.putAll(Map.of("PORT", Integer.toString(receiverPort), "WEBHOOK_TOKEN", TOKEN,
                "SPOOL_DIR", Files.createTempDirectory("logs-spool").toString()));
        receiver = track(ServiceProcess.start("webhook-receiver", "logs-receiver", receiverPort, receiverEnv));
        simulator.awaitHealthy("/actuator/health");
        worker.awaitHealthy("/actuator/health");
        receiver.awaitHealthy("/actuator/health");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : SERVICES.reversed()) {
            service.close();
        }
        try (BrokerQueues queues = new BrokerQueues(topology())) {
            queues.deleteTopology();
        }
    }

    @Test
    void aFullRunLogsNoSecretsNorPersonalDataAndCorrelatesEveryConversion() throws Exception {
        Path samples = Path.of(System.getProperty("rdploomes.samples"));
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        List<String> accepted = new ArrayList<>();

        // the first conversion is refused by Ploomes once: it ends in the dead-letter queue
        HttpResponse<String> fault = HTTP.send(HttpRequest.newBuilder(simulator.url("/_simulator/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"POST\",\"path\":\"/Contacts\",\"status\":400,"
                        + "\"body\":\"{\\\"error\\\":{\\\"message\\\":\\\"E-mail carla.modelo@example.com inválido, fone (31) 97777-0101\\\"}}\",\"times\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fault.statusCode()).as(fault.body()).isEqualTo(200);
        String deadLettered = null;
        for (String name : List.of("events-api-conversion.json", "legacy-two-leads.json", "v2-converted.json",
                "seed-conversion.json")) {
            byte[] body = Files.readAllBytes(samples.resolve(name));
            collect(JSON.readTree(body), emails, phones);
            HttpResponse<String> answer = post(body, TOKEN);
            assertThat(answer.statusCode()).as(name).isEqualTo(202);
            assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
            JSON.readTree(answer.body()).get("conversionIds").forEach(id -> accepted.add(id.asString()));
            if (deadLettered == null) {
                deadLettered = accepted.getFirst();
            }
        }
        assertThat(post("{\"leads\":[{\"email\":\"intruso.total@example.com\"}]}".getBytes(), "wrong-" + TOKEN).statusCode())
                .isEqualTo(401);
        assertThat(post("{\"leads\":[{\"email\":\"nao-e-email\",\"mobile_phone\":\"+55 21 98765-4321\"}]}".getBytes(), TOKEN)
                .statusCode()).isEqualTo(422);
        emails.add("intruso.total@example.com");
        phones.add("21987654321");

        String dlq = deadLettered;
        Message dead = awaitDeadLetter();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(dlq);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                accepted.stream().filter(id -> !id.equals(dlq)).allMatch(id -> workerLines().stream()
                        .anyMatch(line -> id.equals(line.path("conversionId").asString(null))
                                && line.path("message").asString("").startsWith("conversion done"))));

        List<JsonNode> receiverLines = jsonLines(receiver);
        List<JsonNode> workerLines = workerLines();
        for (String id : accepted) {
            assertThat(receiverLines).as("the receiver names " + id)
                    .anySatisfy(line -> assertThat(line.path("message").asString("")).contains(id));
            assertThat(workerLines).as("every Ploomes call of " + id + " carries it")
                    .anySatisfy(line -> {
                        assertThat(line.path("conversionId").asString("")).isEqualTo(id);
                        assertThat(line.path("message").asString("")).startsWith("ploomes call=");
                    });
        }
        assertThat(workerLines).anySatisfy(line -> {
            assertThat(line.path("conversionId").asString("")).isEqualTo(dlq);
            assertThat(line.path("message").asString("")).contains("dead-lettered");
        });
        assertThat(receiverLines).anySatisfy(line -> assertThat(line.path("requestId").asString("")).isNotBlank());

        for (ServiceProcess service : List.of(receiver, worker)) {
            String log = service.logText();
            assertThat(log).as("token in the logs").doesNotContain(TOKEN);
            assertThat(log).as("Ploomes key in the logs").doesNotContain(KEY);
            for (String email : emails) {
                assertThat(log.toLowerCase()).as("whole e-mail in the logs").doesNotContain(email.toLowerCase());
            }
            Matcher anyEmail = EMAIL.matcher(log);
            while (anyEmail.find()) {
                assertThat(anyEmail.group()).as("an unmasked e-mail").matches("^.\\*\\*\\*@.*");
            }
            Matcher numbers = DIGITS.matcher(log);
            while (numbers.find()) {
                String digits = numbers.group().replaceAll("\\D", "");
                for (String phone : phones) {
                    assertThat(phone.endsWith(digits) && digits.length() >= 8).as("phone " + numbers.group()).isFalse();
                }
            }
        }
    }

    private static Message awaitDeadLetter() {
        try (BrokerQueues queues = new BrokerQueues(topology())) {
            Message dead = queues.receive(topology().deadLetterQueue(), 30_000);
            assertThat(dead).as("a dead letter").isNotNull();
            return dead;
        }
    }

    private static List<JsonNode> workerLines() {
        return jsonLines(worker);
    }

    /** Every line of a service's output; each must be a JSON object (the JVM's own warnings aside). */
    private static List<JsonNode> jsonLines(ServiceProcess service) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : service.logText().split("\n")) {
                if (line.isBlank() || line.startsWith("WARNING:")) {
                    continue;
                }
                assertThat(line).as("a structured log line").startsWith("{");
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, Set<String> emails, Set<String> phones) {
        node.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isString()) {
                String text = value.asString();
                if (EMAIL.matcher(text.trim()).matches()) {
                    emails.add(text.trim());
                }
                if (e.getKey().contains("phone") || e.getKey().equals("Telefone")) {
                    String digits = text.replaceAll("\\D", "");
                    if (digits.length() >= 8) {
                        phones.add(digits);
                    }
                }
            } else if (value.isContainer()) {
                collect(value, emails, phones);
            }
        });
        if (node.isArray()) {
            node.forEach(element -> collect(element, emails, phones));
        }
    }

    private static HttpResponse<String> post(byte[] body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                .header("Content-Type", "application/json").header("X-Webhook-Token", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Topology topology() {
        return new Topology(PREFIX, List.of(Duration.ofSeconds(1)), 20);
    }

    private static ServiceProcess track(ServiceProcess service) {
        SERVICES.add(service);
        return service;
    }
}
