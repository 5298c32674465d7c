package com.rdploomes.worker.admin.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

/** Selections, time bounds, the lenient reading of a dead letter and the export line, without a broker. */
class SelectionTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-05-20T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void timesAreInstantsUtcDatesOrAges() {
        assertThat(Selection.parseTime("2024-05-20T19:40:12Z", NOW)).isEqualTo(Instant.parse("2024-05-20T19:40:12Z"));
        assertThat(Selection.parseTime("2024-05-20", NOW)).isEqualTo(Instant.parse("2024-05-20T00:00:00Z"));
        assertThat(Selection.parseTime("30m", NOW)).isEqualTo(Instant.parse("2026-05-20T11:30:00Z"));
        assertThat(Selection.parseTime("2h", NOW)).isEqualTo(Instant.parse("2026-05-20T10:00:00Z"));
        assertThat(Selection.parseTime("3D", NOW)).isEqualTo(Instant.parse("2026-05-17T12:00:00Z"));
        assertThat(Selection.parseTime("1w", NOW)).isEqualTo(Instant.parse("2026-05-13T12:00:00Z"));
        assertThat(Selection.parseTime(" ", NOW)).isNull();
        assertThatThrownBy(() -> Selection.parseTime("last tuesday", NOW)).isInstanceOf(Selection.InvalidSelectionException.class)
                .hasMessageContaining("30m, 2h, 3d");
    }

    @Test
    void aSelectionIsExplicitOrRefused() {
        assertThat(Selection.everything().requireExplicit().describe()).isEqualTo("all dead letters");
        assertThat(Selection.ofIds(" a ", "a", "").ids()).containsExactly("a");
        assertThatThrownBy(() -> new Selection(null, " ", null, null, null, false).requireExplicit())
                .isInstanceOf(Selection.InvalidSelectionException.class);
        assertThatThrownBy(() -> new Selection(List.of(), null, Instant.parse("2026-01-02T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), null, false)).hasMessageContaining("must be before");
        assertThat(new Selection(List.of(), "ploomes-4xx", null, null, "Ana@Example.com", false).describe())
                .isEqualTo("reason ploomes-4xx, e-mail a***@example.com");
    }

    @Test
    void aDeadLetterReadsLenientlyAndMasksForLists() {
        DeadLetter letter = DeadLetter.of(new AMQP.BasicProperties.Builder().headers(Map.of(
                        "x-attempt", "garbled", "x-last-http-status", 422, "x-last-failed-at", "not a time",
                        "x-failure-detail", "Contact ana.exemplo@example.com already exists\nline two")).build(),
                "{\"id\":\"from-body\",\"lead\":{\"email\":\" Ana.Exemplo@Example.com \"}}".getBytes(StandardCharsets.UTF_8));

        assertThat(letter.conversionId()).isEqualTo("from-body");
        assertThat(letter.attempts()).isZero();
        assertThat(letter.failedAt()).isNull();
        assertThat(letter.reason()).isEqualTo("unknown");
        assertThat(letter.email()).isEqualTo("ana.exemplo@example.com");
        assertThat(letter.maskedEmail()).isEqualTo("a***@example.com");
        assertThat(letter.shortDetail(200)).isEqualTo("Contact a***@example.com already exists line two");
        assertThat(letter.shortDetail(10)).hasSize(10).endsWith("…");
        assertThat(letter.toString()).doesNotContain("ana.exemplo");
        assertThat(new Selection(List.of(), null, Instant.EPOCH, null, null, false).matches(letter)).isFalse();
        assertThat(new Selection(List.of(), null, null, null, "ANA.EXEMPLO@example.com", false).matches(letter)).isTrue();
    }

    @Test
    void anExportLineKeepsTextBodiesReadableAndOthersInBase64() {
        byte[] binary = {(byte) 0xc3, 0x28, 0x00};
        String line = ExportFormat.line(DeadLetter.of(new AMQP.BasicProperties.Builder().messageId("b")
                .headers(Map.of("x-attempt", 2, "x-death", List.of(Map.of("count", 3L)))).build(), binary));

        assertThat(line).contains("\"body_base64\":\"" + Base64.getEncoder().encodeToString(binary) + "\"");
        DeadLetter back = ExportFormat.parse(line);
        assertThat(back.body()).isEqualTo(binary);
        assertThat(back.attempts()).isEqualTo(2);
        assertThat(back.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(back.headers().get("x-death")).isEqualTo(List.of(Map.of("count", 3)));

        String text = ExportFormat.line(DeadLetter.of(new AMQP.BasicProperties.Builder().messageId("t").build(),
                "{\"a\":\"ção\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(text).contains("\"body\":\"{\\\"a\\\":\\\"ção\\\"}\"");
        assertThatThrownBy(() -> ExportFormat.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ExportFormat.parse("{\"body_base64\":\"***\"}")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> ExportFormat.parse("{\"body\":\"x\",\"properties\":{\"timestamp\":\"soon\"}}"))
                .hasMessageContaining("timestamp");
    }
}
