package com.rdploomes.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ConversionIdTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void prefersTheCdpEventUuid() {
        assertThat(ConversionId.of(" AAAA-1 ", "uuid", Instant.EPOCH, null)).isEqualTo("evt-aaaa-1");
    }

    @Test
    void elseUsesTheRdUuidAndTheConversionTime() {
        Instant at = Instant.parse("2024-05-20T19:40:12Z");
        assertThat(ConversionId.of(null, "0B5F", at, null)).isEqualTo("rd-0b5f-" + at.toEpochMilli());
        assertThat(ConversionId.of("", "0b5f", at, null)).isEqualTo(ConversionId.of(null, "0b5f", at, null));
    }

    @Test
    void elseHashesTheCanonicalLeadWhateverTheKeyOrder() {
        String a = ConversionId.of(null, null, null, json.readTree("{\"email\":\"x@y.z\",\"n\":{\"b\":1,\"a\":[1,2]}}"));
        String b = ConversionId.of(null, null, null, json.readTree("{ \"n\":{\"a\":[1,2],\"b\":1}, \"email\":\"x@y.z\"}"));
        String other = ConversionId.of(null, null, null, json.readTree("{\"email\":\"x@y.z\",\"n\":{\"b\":2,\"a\":[1,2]}}"));
        assertThat(a).startsWith("sha-").hasSize(4 + 64).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void aUuidWithoutTimeFallsBackToTheHash() {
        assertThat(ConversionId.of(null, "0b5f", null, json.readTree("{}"))).startsWith("sha-");
    }
}
