package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.TestBroker;

import tools.jackson.databind.json.JsonMapper;

/**
 * No broker at all (RabbitMQ's address is a local port where nothing listens) and no spool
 * (SPOOL_MAX_BYTES=0): nothing can take a conversion. The receiver must still start (it is RD's only way in)
 * and answer 503 with Retry-After. This context also runs with WEBHOOK_AUTH=disabled, which is what lets a
 * request without a token reach the publisher. With the spool on, the same outage is answered 202: see
 * SpoolRecoveryTest.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rd-ploomes.webhook.auth=disabled",
    "rd-ploomes.webhook.token=",
    "rd-ploomes.webhook.retry-after=45s",
    "rd-ploomes.publish.confirm-timeout=1s",
    "rd-ploomes.spool.max-bytes=0",
    "spring.rabbitmq.connection-timeout=1s"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerDownTest {

    private static final int DEAD_PORT = portWhereNothingListens();
    private static final String PREFIX = TestBroker.uniquePrefix("receiver-down");

    @DynamicPropertySource
    static void deadBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> DEAD_PORT);
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;

    @Test
    void startsWithoutBrokerAndAnswers503WithRetryAfter(CapturedOutput output) {
        HttpResponse<String> response = new TestHttp(port).post("/webhook/rdstation",
                Samples.bytes("seed-conversion.json"), "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("45");
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("reason").stringValue())
                .isEqualTo("broker-unavailable");
        assertThat(response.body()).doesNotContain("Exception", "Connection refused", "at org.");
        assertThat(output).contains("WEBHOOK_AUTH=disabled");
    }

    @Test
    void healthSaysOutOfServiceSinceNothingCanTakeAConversion() {
        HttpResponse<String> health = new TestHttp(port).get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        var body = JsonMapper.builder().build().readTree(health.body());
        assertThat(body.get("status").stringValue()).isEqualTo("OUT_OF_SERVICE");
        assertThat(body.get("components").get("spool").get("details").get("broker").stringValue()).isEqualTo("unreachable");
        assertThat(body.get("components").get("spool").get("details").get("enabled").booleanValue()).isFalse();
    }

    private static int portWhereNothingListens() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
