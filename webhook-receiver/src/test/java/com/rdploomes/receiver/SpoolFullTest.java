package com.rdploomes.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.TestBroker;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker is down for good and the spool is small: conversions are spooled until it is full, then the
 * receiver answers 503 with Retry-After (RD sends again later) and its health says it cannot take more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rd-ploomes.webhook.token=" + SpoolFullTest.TOKEN,
    "rd-ploomes.webhook.retry-after=20s",
    "rd-ploomes.publish.confirm-timeout=1s",
    "spring.rabbitmq.connection-timeout=1s",
    "rd-ploomes.spool.max-bytes=8KB"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpoolFullTest {

    static final String TOKEN = "spool-full-token";
    private static final Path SPOOL = TempDirs.create("full-spool");

    @DynamicPropertySource
    static void deadBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", SpoolFullTest::portWhereNothingListens);
        registry.add("rd-ploomes.topology.prefix", () -> TestBroker.uniquePrefix("receiver-full"));
        registry.add("rd-ploomes.spool.dir", SPOOL::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void deleteSpool() {
        TempDirs.delete(SPOOL);
    }

    @Test
    void aFullSpoolIsAnswered503WithRetryAfterAndHealthSaysSo() {
        TestHttp http = new TestHttp(port);
        int spooled = 0;
        HttpResponse<String> response;
        // each answer is either 202 (spooled) or, once 8 KB are used, 503; a few posts fill it
        while ((response = http.post("/webhook/rdstation?token=" + TOKEN, Samples.bytes("seed-conversion.json"),
                "Content-Type", "application/json")).statusCode() == 202) {
            assertThat(json.readTree(response.body()).get("spooled").booleanValue()).isTrue();
            spooled++;
            assertThat(spooled).as("the spool never filled").isLessThan(50);
        }

        assertThat(spooled).isPositive();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("20");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("reason").stringValue()).isEqualTo("spool-full");
        assertThat(problem.get("detail").stringValue()).contains("spool is full");
        assertThat(meters.get("rdploomes.webhook.refused").tag("reason", "spool-full").counter().count()).isEqualTo(1);

        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode details = json.readTree(health.body()).get("components").get("spool").get("details");
        assertThat(json.readTree(health.body()).get("status").stringValue()).isEqualTo("OUT_OF_SERVICE");
        assertThat(details.get("depth").intValue()).isEqualTo(spooled);
        assertThat(details.get("bytes").longValue()).isLessThanOrEqualTo(8 * 1024);
        assertThat(meters.get("rdploomes.spool.spooled").counter().count()).isEqualTo(spooled);
    }

    private static int portWhereNothingListens() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
