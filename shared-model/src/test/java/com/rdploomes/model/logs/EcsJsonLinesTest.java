package com.rdploomes.model.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EcsJsonLinesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EcsJsonLines lines = new EcsJsonLines(new MockEnvironment()
            .withProperty("spring.application.name", "webhook-receiver")
            .withProperty("spring.application.version", "0.1.0"));
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void anEventIsOneEcsObjectOnOneLineWithItsMdc() {
        LoggingEvent event = event(Level.INFO, "webhook accepted status={} format={}\nnext", null, 202, "LEGACY");
        event.setMDCPropertyMap(Map.of("requestId", "req-12345678"));

        byte[] bytes = lines.formatAsBytes(event, StandardCharsets.UTF_8);
        String line = new String(bytes, StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("@timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("log.level").asString()).isEqualTo("INFO");
        assertThat(json.path("log.logger").asString()).isEqualTo("com.rdploomes.receiver.webhook.WebhookController");
        assertThat(json.path("message").asString()).isEqualTo("webhook accepted status=202 format=LEGACY\nnext");
        assertThat(json.path("service.name").asString()).isEqualTo("webhook-receiver");
        assertThat(json.path("service.version").asString()).isEqualTo("0.1.0");
        assertThat(json.path("ecs.version").asString()).isNotBlank();
        assertThat(json.path("process.thread.name").asString()).isNotBlank();
        assertThat(json.path("requestId").asString()).isEqualTo("req-12345678");
    }

    @Test
    void accentsSurviveInUtf8AndInAnyOtherCharset() {
        LoggingEvent event = event(Level.WARN, "Galpão São Paulo {}", null, "👍");

        assertThat(JSON.readTree(new String(lines.formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .path("message").asString()).isEqualTo("Galpão São Paulo 👍");
        assertThat(JSON.readTree(new String(lines.formatAsBytes(event, StandardCharsets.UTF_16), StandardCharsets.UTF_16))
                .path("message").asString()).isEqualTo("Galpão São Paulo 👍");
        assertThat(JSON.readTree(lines.format(event)).path("message").asString()).isEqualTo("Galpão São Paulo 👍");
    }

    @Test
    void anExceptionGivesItsTypeMessageAndStackTrace() {
        LoggingEvent event = event(Level.ERROR, "spool: writing failed", new IllegalStateException("disk full"));

        JsonNode json = JSON.readTree(lines.format(event));

        assertThat(json.path("log.level").asString()).isEqualTo("ERROR");
        assertThat(json.path("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.path("error.message").asString()).isEqualTo("disk full");
        assertThat(json.path("error.stack_trace").asString()).contains("EcsJsonLinesTest");
    }

    private LoggingEvent event(Level level, String message, Throwable thrown, Object... arguments) {
        return new LoggingEvent(EcsJsonLinesTest.class.getName(),
                context.getLogger("com.rdploomes.receiver.webhook.WebhookController"), level, message, thrown, arguments);
    }
}
