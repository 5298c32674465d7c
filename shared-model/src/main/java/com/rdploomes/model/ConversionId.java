package com.rdploomes.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversion id, stable across RD's redeliveries of the same conversion, so that the worker can
 * recognise a duplicate and operators can name a message.
 *
 * <p>In order of preference: RD's CDP {@code event_uuid} of this conversion; else the lead's RD uuid
 * plus the conversion's timestamp; else a SHA-256 of the canonical lead JSON (keys sorted), which
 * is the same for the same body whatever the key order or whitespace.
 */
public final class ConversionId {

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private ConversionId() {
    }

    public static String of(String eventUuid, String rdUuid, Instant convertedAt, JsonNode rawLead) {
        if (hasText(eventUuid)) {
            return "evt-" + eventUuid.trim().toLowerCase();
        }
        if (hasText(rdUuid) && convertedAt != null) {
            return "rd-" + rdUuid.trim().toLowerCase() + "-" + convertedAt.toEpochMilli();
        }
        return "sha-" + sha256(CANONICAL.writeValueAsString(canonical(rawLead)));
    }

    static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(canonical(element)));
            return out;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
