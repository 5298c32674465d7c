package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.rdploomes.model.TcpProxy;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver that spooled conversions during an outage and was then stopped: the next receiver started on
 * the same spool directory publishes them, in order, once it reaches the broker. Two real application
 * contexts, one after the other, as two runs of the jar would be.
 */
class ReceiverRestartTest {

    private static final String TOKEN = "restart-token";

    private final String prefix = TestBroker.uniquePrefix("receiver-restart");
    private final Topology topology = new Topology(prefix, Topology.DEFAULT_RETRY_DELAYS, Topology.DEFAULT_DELIVERY_LIMIT);
    private final Path spool = TempDirs.create("restart-spool");
    private final TcpProxy proxy = TcpProxy.toBroker();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void leaveTheBrokerAsFound() {
        TestBroker broker = TestBroker.get();
        CachingConnectionFactory direct = broker.connectionFactory();
        RabbitAdmin admin = new RabbitAdmin(direct);
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        direct.destroy();
        proxy.close();
        TempDirs.delete(spool);
    }

    @Test
    void whatOneRunSpooledTheNextRunPublishesInOrder() throws Exception {
        proxy.cut();
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext first = start()) {
            TestHttp http = new TestHttp(port(first));
            for (String sample : List.of("legacy-two-leads.json", "seed-conversion.json")) {
                HttpResponse<String> answer = http.post("/webhook/rdstation?token=" + TOKEN, Samples.bytes(sample),
                        "Content-Type", "application/json");
                assertThat(answer.statusCode()).isEqualTo(202);
                assertThat(json.readTree(answer.body()).get("spooled").booleanValue()).isTrue();
                json.readTree(answer.body()).get("conversionIds").forEach(id -> ids.add(id.stringValue()));
            }
        }
        assertThat(batchFiles()).as("the spool outlives the receiver").hasSize(2);

        proxy.restore();
        try (ConfigurableApplicationContext second = start()) {
            RabbitTemplate reader = second.getBean(RabbitTemplate.class);
            List<String> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Message message = reader.receive(topology.inputQueue());
                if (message != null) {
                    published.add(message.getMessageProperties().getMessageId());
                }
                return published.size() >= ids.size();
            });
            assertThat(published).containsExactlyElementsOf(ids);
            await().atMost(Duration.ofSeconds(10)).until(() -> batchFiles().isEmpty());
            assertThat(reader.receive(topology.inputQueue())).isNull();
        }
    }

    private ConfigurableApplicationContext start() {
        Map<String, String> properties = new HashMap<>(proxy.springProperties());
        properties.put("server.port", "0");
        properties.put("rd-ploomes.webhook.token", TOKEN);
        properties.put("rd-ploomes.topology.prefix", prefix);
        properties.put("rd-ploomes.spool.dir", spool.toString());
        properties.put("rd-ploomes.spool.drain-interval", "200ms");
        properties.put("rd-ploomes.publish.confirm-timeout", "2s");
        properties.put("spring.rabbitmq.connection-timeout", "2s");
        // as command-line arguments: they outrank application.properties (builder properties would not)
        return new SpringApplicationBuilder(WebhookReceiverApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private List<Path> batchFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".batch")).toList();
        }
    }
}
