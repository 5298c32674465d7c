package com.rdploomes.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;
import com.rdploomes.receiver.Samples;
import com.rdploomes.receiver.TempDirs;
import com.rdploomes.receiver.TestHttp;
import com.rdploomes.receiver.WebhookReceiverApplication;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The receiver faces the internet: whatever arrives, it answers without a 5xx (the broker is up, so not even
 * 503), and a refused request publishes nothing. Arbitrary JSON, arbitrary bytes, and RD samples with one
 * part replaced by arbitrary JSON are posted to the real application on the real broker.
 */
class ArbitraryInputProperties {

    private static final String TOKEN = "property-token";
    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 413, 415, 422);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // one application for all tries: jqwik's container lifecycle is static by design
    private static ConfigurableApplicationContext application;
    private static TestHttp http;
    private static Topology topology;
    private static Path spool;
    private static final AtomicLong expectedMessages = new AtomicLong();

    @BeforeContainer
    static void start() {
        spool = TempDirs.create("property-spool");
        Map<String, Object> properties = new HashMap<>(TestBroker.get().springProperties());
        properties.put("server.port", "0");
        properties.put("rd-ploomes.webhook.token", TOKEN);
        properties.put("rd-ploomes.topology.prefix", TestBroker.uniquePrefix("receiver-properties"));
        properties.put("rd-ploomes.spool.dir", spool.toString());
        properties.put("logging.level.com.rdploomes", "WARN");
        // as command-line arguments: they outrank application.properties, as the test's settings must
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        application = new SpringApplicationBuilder(WebhookReceiverApplication.class).run(arguments);
        http = new TestHttp(Integer.parseInt(application.getEnvironment().getProperty("local.server.port")));
        topology = application.getBean(Topology.class);
    }

    @AfterContainer
    static void everyAcceptedConversionAndNothingElseWasPublished() {
        if (application == null) {
            TempDirs.delete(spool);
            return;
        }
        application.close();
        // a connection of the test's own: it does not depend on the application's state at shutdown
        TestBroker broker = TestBroker.get();
        CachingConnectionFactory connections = broker.connectionFactory();
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(admin.getQueueInfo(topology.inputQueue()).getMessageCount())
                            .as("messages in the input queue = conversions answered 202")
                            .isEqualTo(expectedMessages.get()));
            topology.allQueues().forEach(admin::deleteQueue);
            admin.deleteExchange(topology.exchange());
        } finally {
            connections.destroy();
            TempDirs.delete(spool);
        }
    }

    @Property(tries = 300)
    void arbitraryJsonIsAnsweredWithoutAServerError(@ForAll("json") JsonNode body) {
        post(JSON.writeValueAsBytes(body));
    }

    @Property(tries = 300)
    void samplesWithOnePartReplacedAreAnsweredWithoutAServerError(@ForAll("mutatedSamples") JsonNode body) {
        post(JSON.writeValueAsBytes(body));
    }

    @Property(tries = 200)
    void arbitraryBytesAreAnsweredWithoutAServerError(@ForAll byte[] body) {
        post(body);
    }

    private void post(byte[] body) {
        HttpResponse<String> answer = http.post("/webhook/rdstation", body,
                "Content-Type", "application/json", "X-Webhook-Token", TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isIn(ANSWERS);
        if (answer.statusCode() == 202) {
            expectedMessages.addAndGet(JSON.readTree(answer.body()).get("conversionIds").size());
        }
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return value(3);
    }

    @Provide
    Arbitrary<JsonNode> mutatedSamples() {
        Arbitrary<JsonNode> samples = Arbitraries.of(Samples.ALL).map(name -> JSON.readTree(Samples.bytes(name)));
        return Combinators.combine(samples, Arbitraries.integers().between(0, 10_000), value(2), Arbitraries.of(true, false))
                .as(ArbitraryInputProperties::replaceOnePart);
    }

    /** Replaces (or removes) the n-th node of the tree, counted depth-first, with an arbitrary value. */
    private static JsonNode replaceOnePart(JsonNode tree, int n, JsonNode replacement, boolean remove) {
        List<Runnable> edits = new ArrayList<>();
        collectEdits(tree, replacement, remove, edits);
        if (!edits.isEmpty()) {
            edits.get(n % edits.size()).run();
        }
        return tree;
    }

    private static void collectEdits(JsonNode node, JsonNode replacement, boolean remove, List<Runnable> edits) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                edits.add(() -> {
                    if (remove) {
                        object.remove(name);
                    } else {
                        object.set(name, replacement);
                    }
                });
                collectEdits(object.get(name), replacement, remove, edits);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                edits.add(() -> array.set(index, replacement));
                collectEdits(array.get(i), replacement, remove, edits);
            }
        }
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(NODES::stringNode),
                Arbitraries.of("leads", "contact", "payload", "event_type", "email", "a@b.co", "\\N", "CONVERSION",
                        "WEBHOOK.CONVERTED", "WEBHOOK.MARKED_OPPORTUNITY", "", " ", "😀", "9999999999999999999999")
                        .map(NODES::stringNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> child = value(depth - 1);
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("leads", "email", "name", "event_type", "payload", "contact", "personal_phone",
                        "mobile_phone", "custom_fields", "tags", "uuid", "id", "last_conversion", "content",
                        "__cdp__original_event", "event_uuid", "created_at", "cf_x", "company"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<JsonNode> arrays = child.list().ofMaxSize(4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(names, child).as(Map::entry).list().ofMaxSize(5).map(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(3, arrays), net.jqwik.api.Tuple.of(5, objects));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
