package com.rdploomes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class ConversionCodecTest {

    private final ConversionCodec codec = new ConversionCodec();

    static Conversion sample() {
        var nodes = JsonNodeFactory.instance;
        Lead lead = new Lead("ana.exemplo@example.com", "Ana Exemplo",
                List.of(new Phone(Phone.Kind.MOBILE, "+55 (11) 98888-0001")),
                "Empresa Fictícia Ltda", "Gerente", "São Paulo", "SP", List.of("ebook"),
                Map.of("cf_interesses", nodes.arrayNode().add("Fiscal").add("RH"),
                        "cf_aceita_contato", nodes.booleanNode(true)));
        return new Conversion(Conversion.SCHEMA_VERSION, "rd-abc-1", Conversion.SourceFormat.WEBHOOK_V2,
                "WEBHOOK.CONVERTED", Instant.parse("2024-05-20T19:40:12Z"), Instant.parse("2024-05-20T19:40:13Z"),
                lead, new RdIds("3100000001", "abc"), "orcamento-site",
                new Traffic("google", "cpc", "maio", "Paid Search"),
                nodes.objectNode().put("email", "ana.exemplo@example.com").put("name", "Ana 😀"));
    }

    @Test
    void roundTripKeepsEveryFieldAndAccents() {
        Conversion original = sample();
        Conversion decoded = codec.decode(codec.encode(original));
        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.rawLead().get("name").asString()).isEqualTo("Ana 😀");
    }

    @Test
    void writesSnakeCaseAndIsoInstants() {
        String json = new String(codec.encode(sample()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"schema_version\":1", "\"received_at\":\"2024-05-20T19:40:13Z\"",
                "\"conversion_identifier\":\"orcamento-site\"", "\"lead_id\":\"3100000001\"");
    }

    @Test
    void leavesTrafficsDerivedEmptinessOutAndStillReadsMessagesThatCarryIt() {
        var tree = (tools.jackson.databind.node.ObjectNode) JsonMapper.builder().build()
                .readTree(codec.encode(sample()));
        assertThat(tree.path("traffic").has("empty")).isFalse();
        ((tools.jackson.databind.node.ObjectNode) tree.get("traffic")).put("empty", false); // as receivers before wrote it
        Conversion decoded = codec.decode(tree.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.traffic()).isEqualTo(sample().traffic());
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        var tree = (tools.jackson.databind.node.ObjectNode) JsonMapper.builder().build()
                .readTree(codec.encode(sample()));
        tree.put("added_by_a_newer_receiver", 42);
        Conversion decoded = codec.decode(tree.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.id()).isEqualTo("rd-abc-1");
    }

    @Test
    void refusesEmptyGarbageNullAndOtherSchemas() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(InvalidConversionException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConversionException.class).hasMessageContaining("not a conversion");
        assertThatThrownBy(() -> codec.decode("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConversionException.class);
        assertThatThrownBy(() -> codec.decode("{\"schema_version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConversionException.class);
        String v2 = new String(codec.encode(sample()), StandardCharsets.UTF_8)
                .replace("\"schema_version\":1", "\"schema_version\":2");
        assertThatThrownBy(() -> codec.decode(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConversionException.class).hasMessageContaining("schema version 2");
    }

    @Test
    void refusesAConversionWithoutEmail() {
        String json = new String(codec.encode(sample()), StandardCharsets.UTF_8)
                .replace("\"email\":\"ana.exemplo@example.com\",\"name\":\"Ana Exemplo\"", "\"email\":\" \",\"name\":\"Ana\"");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidConversionException.class).hasMessageContaining("no lead e-mail");
    }
}
