package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole receiver over HTTP against the real RabbitMQ: what is answered, and what lands in the input queue. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rd-ploomes.webhook.token=" + WebhookEndpointTest.TOKEN,
    "rd-ploomes.webhook.auth=required",
    "rd-ploomes.webhook.max-body-bytes=64KB"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// closed after the class, so that nothing redeclares the topology this class deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebhookEndpointTest {

    static final String TOKEN = "endpoint-test-token-7f3a";
    private static final String PREFIX = TestBroker.uniquePrefix("receiver-endpoint");
    private static final String URL = "/webhook/rdstation?token=" + TOKEN;
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> SAMPLES = Samples.ALL;
    private static final Path SPOOL = TempDirs.create("endpoint-spool");

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.spool.dir", SPOOL::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    Topology topology;
    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ConversionCodec codec = new ConversionCodec();
    private TestHttp http;

    @BeforeEach
    void emptyInputQueue() {
        http = new TestHttp(port);
        // the admin's first connection declares the topology, so the queue exists from here on
        admin.purgeQueue(topology.inputQueue(), false);
    }

    @AfterAll
    void deleteTopology() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        TempDirs.delete(SPOOL);
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void everySampleIsAcceptedAndItsConversionsAreInTheInputQueue(String sample) {
        double acceptedBefore = counter("rdploomes.webhook.accepted");

        HttpResponse<String> response = http.post(URL, Samples.bytes(sample), "Content-Type", JSON);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
        // of known length, so sent in one write rather than chunked
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("status").stringValue()).isEqualTo("accepted");
        assertThat(answer.get("spooled").booleanValue()).as("published straight to a healthy broker").isFalse();
        assertThat(answer.get("rejected").isEmpty()).isTrue();
        List<String> ids = new ArrayList<>();
        answer.get("conversionIds").forEach(id -> ids.add(id.stringValue()));
        assertThat(ids).hasSize(sample.equals("legacy-two-leads.json") ? 2 : 1);

        List<Message> messages = drain(ids.size());
        assertThat(messages).extracting(m -> m.getMessageProperties().getMessageId()).containsExactlyElementsOf(ids);
        for (Message message : messages) {
            MessageProperties properties = message.getMessageProperties();
            assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(properties.getContentType()).isEqualTo("application/json");
            assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
            assertThat(properties.<Object>getHeader("x-schema-version")).isEqualTo(1);
            assertThat(properties.getTimestamp()).isNotNull();
            Conversion conversion = codec.decode(message.getBody());
            assertThat(conversion.id()).isEqualTo(properties.getMessageId());
            assertThat(conversion.lead().email()).isNotBlank().isEqualTo(conversion.lead().email().strip().toLowerCase());
        }
        assertThat(counter("rdploomes.webhook.accepted") - acceptedBefore).isEqualTo(ids.size());
        assertThat(queued()).isZero();
    }

    @Test
    void textArrivesUnchangedWhateverCharsetIsDeclared() {
        String name = "Zoë Ação Ñandú — orçamento 🚀";
        byte[] body = ("{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"zoe@example.com\",\"name\":\"" + name
                + "\",\"cf_obs\":\"Galpão 800 m² 👍\"}}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(URL, body, "Content-Type", "application/json; charset=ISO-8859-1");

        assertThat(response.statusCode()).isEqualTo(202);
        Conversion conversion = codec.decode(drain(1).get(0).getBody());
        assertThat(conversion.lead().name()).isEqualTo(name);
        assertThat(conversion.lead().customFields().get("cf_obs").stringValue()).isEqualTo("Galpão 800 m² 👍");
        assertThat(conversion.rawLead().get("name").stringValue()).isEqualTo(name);
    }

    @Test
    void tokenInTheHeaderWorksToo() {
        HttpResponse<String> response = http.post("/webhook/rdstation", Samples.bytes("seed-conversion.json"),
                "Content-Type", JSON, "X-Webhook-Token", TOKEN);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(drain(1)).hasSize(1);
    }

    @Test
    void anAcceptHeaderThatRulesOutJsonDoesNotBreakTheAnswer() {
        HttpResponse<String> response = http.post(URL, Samples.bytes("seed-conversion.json"),
                "Content-Type", JSON, "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("status").stringValue()).isEqualTo("accepted");
        assertThat(drain(1)).hasSize(1);
    }

    @Test
    void missingContentTypeIsReadAsJson() {
        HttpResponse<String> response = http.post(URL, Samples.bytes("seed-conversion.json"));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(drain(1)).hasSize(1);
    }

    @Test
    void missingOrWrongTokenIs401AndPublishesNothing() {
        double before = refused("unauthorized");
        byte[] body = Samples.bytes("seed-conversion.json");

        assertProblem(http.post("/webhook/rdstation", body, "Content-Type", JSON), 401, "unauthorized");
        assertProblem(http.post("/webhook/rdstation?token=wrong", body, "Content-Type", JSON), 401, "unauthorized");
        assertProblem(http.post("/webhook/rdstation?token=" + TOKEN.toUpperCase(), body, "Content-Type", JSON), 401, "unauthorized");
        assertProblem(http.post("/webhook/rdstation", body, "Content-Type", JSON, "X-Webhook-Token", "wrong"), 401, "unauthorized");

        assertThat(refused("unauthorized") - before).isEqualTo(4);
        assertThat(queued()).isZero();
    }

    @Test
    void malformedOrEmptyBodyIs400() {
        assertProblem(http.post(URL, "{\"leads\":[".getBytes(StandardCharsets.UTF_8), "Content-Type", JSON), 400, "malformed");
        assertProblem(http.post(URL, new byte[0], "Content-Type", JSON), 400, "malformed");
        assertThat(queued()).isZero();
    }

    @Test
    void absurdlyDeepNestingIs400NotAStackOverflow() {
        String deep = "{\"leads\":[{\"email\":\"deep@example.com\",\"custom_fields\":{\"x\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + "}}]}";
        HttpResponse<String> response = http.post(URL, deep.getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        assertProblem(response, 400, "malformed");
        assertThat(queued()).isZero();
    }

    @Test
    void unknownShapeIs400NamingTheAcceptedShapes() {
        HttpResponse<String> response = http.post(URL, "{\"name\":\"x\",\"email\":\"x@example.com\"}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        JsonNode problem = assertProblem(response, 400, "unknown-shape");
        assertThat(problem.get("detail").stringValue())
                .contains("\"leads\"", "WEBHOOK.CONVERTED", "WEBHOOK.MARKED_OPPORTUNITY", "\"CONVERSION\"", "payload", "contact");
        assertThat(queued()).isZero();
    }

    @Test
    void nonJsonContentTypeIs415() {
        byte[] body = Samples.bytes("seed-conversion.json");
        assertProblem(http.post(URL, body, "Content-Type", "text/plain"), 415, "unsupported-media-type");
        assertProblem(http.post(URL, body, "Content-Type", "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
        assertThat(queued()).isZero();
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrChunked() {
        double before = refused("too-large");
        byte[] big = oversizedLegacyBody(64 * 1024 + 1);

        assertProblem(http.post(URL, big, "Content-Type", JSON), 413, "too-large");
        assertProblem(http.postChunked(URL, big, "Content-Type", JSON), 413, "too-large");

        assertThat(refused("too-large") - before).isEqualTo(2);
        assertThat(queued()).isZero();
    }

    @Test
    void bodyJustUnderTheLimitIsAccepted() {
        HttpResponse<String> response = http.postChunked(URL, oversizedLegacyBody(64 * 1024 - 10), "Content-Type", JSON);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(drain(1)).hasSize(1);
    }

    @Test
    void bodyWithoutUsableLeadIs422() {
        JsonNode empty = assertProblem(http.post(URL, "{\"leads\":[]}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON), 422, "no-usable-lead");
        assertThat(empty.get("detail").stringValue()).contains("no lead");

        JsonNode invalid = assertProblem(http.post(URL, """
                {"leads":[{"email":"not-an-email"},{"name":"no e-mail"}]}""".getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON), 422, "no-usable-lead");
        assertThat(invalid.get("detail").stringValue()).contains("not an e-mail address", "has no e-mail");
        assertThat(invalid.get("rejected")).hasSize(2);
        assertThat(invalid.get("rejected").get(1).get("index").intValue()).isEqualTo(1);

        JsonNode v2 = assertProblem(http.post(URL, """
                {"event_type":"WEBHOOK.CONVERTED","contact":{"email":"  "}}""".getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON), 422, "no-usable-lead");
        assertThat(v2.get("detail").stringValue()).contains("blank");
        assertThat(queued()).isZero();
    }

    @Test
    void usableLeadsArePublishedAndTheOthersListed() {
        HttpResponse<String> response = http.post(URL, """
                {"leads":[{"email":"bad"},{"email":"Good@Example.com","uuid":"u-9",
                  "last_conversion":{"created_at":"2024-06-01T10:00:00Z"}}]}""".getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("conversionIds")).hasSize(1);
        assertThat(answer.get("conversionIds").get(0).stringValue()).isEqualTo("rd-u-9-1717236000000");
        assertThat(answer.get("rejected")).hasSize(1);
        assertThat(answer.get("rejected").get(0).get("index").intValue()).isZero();
        assertThat(answer.get("rejected").get(0).get("reason").stringValue()).contains("not an e-mail address");
        List<Message> messages = drain(1);
        assertThat(codec.decode(messages.get(0).getBody()).lead().email()).isEqualTo("good@example.com");
    }

    @Test
    void otherEventsAre200IgnoredAndPublishNothing() {
        double before = counter("rdploomes.webhook.ignored");
        HttpResponse<String> v2 = http.post(URL, """
                {"event_type":"WEBHOOK.CONTACT_UPDATED","contact":{"email":"a@example.com"}}"""
                .getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        HttpResponse<String> events = http.post(URL, """
                {"event_type":"OPPORTUNITY","event_family":"CDP","payload":{"email":"a@example.com"}}"""
                .getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);

        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(v2.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
        assertThat(json.readTree(v2.body())).isEqualTo(json.readTree(
                "{\"status\":\"ignored\",\"reason\":\"event type WEBHOOK.CONTACT_UPDATED is not a conversion\"}"));
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(json.readTree(events.body()).get("reason").stringValue()).isEqualTo("event type OPPORTUNITY is not a conversion");
        assertThat(counter("rdploomes.webhook.ignored") - before).isEqualTo(2);
        assertThat(queued()).isZero();
    }

    @Test
    void getIs405ProblemJson() {
        HttpResponse<String> response = http.get(URL);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM_JSON));
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        http.post("/webhook/rdstation?token=wrong", new byte[0], "Content-Type", JSON);

        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode healthBody = json.readTree(health.body());
        assertThat(healthBody.get("status").stringValue()).isEqualTo("UP");
        JsonNode spool = healthBody.get("components").get("spool");
        assertThat(spool.get("status").stringValue()).isEqualTo("UP");
        assertThat(spool.get("details").get("broker").stringValue()).isEqualTo("reachable");
        assertThat(spool.get("details").get("depth").intValue()).isZero();
        assertThat(health.body()).doesNotContain(SPOOL.toString());

        HttpResponse<String> prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("rdploomes_webhook_accepted_total")
                .contains("rdploomes_webhook_ignored_total")
                .contains("rdploomes_webhook_refused_total{reason=\"unauthorized\"}")
                .contains("rdploomes_webhook_refused_total{reason=\"broker-unavailable\"}")
                .contains("rdploomes_webhook_ack_seconds_count{outcome=\"accepted\"}")
                .containsPattern("rdploomes_spool_depth 0(\\.0)?\n")
                .contains("rdploomes_spool_spooled_total")
                .contains("rdploomes_spool_drained_total")
                // Spring's own request timer is off: the webhook metrics above say the same and more, for less CPU
                .doesNotContain("http_server_requests");

        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM_JSON));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:rdploomes:webhook:" + reason);
        assertThat(problem.get("reason").stringValue()).isEqualTo(reason);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.", TOKEN);
        return problem;
    }

    /** A valid one-lead legacy body padded (in an ignored field) to exactly {@code size} bytes. */
    private static byte[] oversizedLegacyBody(int size) {
        String head = "{\"leads\":[{\"email\":\"big@example.com\",\"bio\":\"";
        String tail = "\"}]}";
        char[] padding = new char[size - head.length() - tail.length()];
        Arrays.fill(padding, 'x');
        byte[] body = (head + new String(padding) + tail).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(size);
        return body;
    }

    /** Takes exactly {@code count} messages off the input queue, in order. */
    private List<Message> drain(int count) {
        List<Message> messages = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message message = rabbit.receive(topology.inputQueue());
            if (message != null) {
                messages.add(message);
            }
            return messages.size() >= count;
        });
        return messages;
    }

    private long queued() {
        return admin.getQueueInfo(topology.inputQueue()).getMessageCount();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double refused(String reason) {
        return meters.get("rdploomes.webhook.refused").tag("reason", reason).counter().count();
    }
}
