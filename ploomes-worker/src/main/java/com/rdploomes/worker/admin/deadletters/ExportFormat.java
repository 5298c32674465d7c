package com.rdploomes.worker.admin.deadletters;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The export file: JSON lines, one dead letter a line, with its AMQP properties and headers and its body as
 * text ({@code body}) or, when it is not UTF-8, as base64 ({@code body_base64}). Import reads the same lines
 * back into messages that the tools and the worker see exactly as before. Header types JSON cannot hold
 * (timestamps inside x-death) come back as text.
 */
public final class ExportFormat {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExportFormat() {
    }

    public static String line(DeadLetter letter) {
        AMQP.BasicProperties p = letter.properties();
        ObjectNode root = NODES.objectNode();
        root.put("message_id", p.getMessageId());
        ObjectNode properties = root.putObject("properties");
        putIfSet(properties, "content_type", p.getContentType());
        putIfSet(properties, "content_encoding", p.getContentEncoding());
        if (p.getDeliveryMode() != null) {
            properties.put("delivery_mode", p.getDeliveryMode());
        }
        if (p.getPriority() != null) {
            properties.put("priority", p.getPriority());
        }
        putIfSet(properties, "correlation_id", p.getCorrelationId());
        putIfSet(properties, "type", p.getType());
        putIfSet(properties, "app_id", p.getAppId());
        putIfSet(properties, "user_id", p.getUserId());
        if (p.getTimestamp() != null) {
            properties.put("timestamp", p.getTimestamp().toInstant().toString());
        }
        root.set("headers", toJson(letter.headers()));
        byte[] body = letter.bodyUnsafe();
        String text = utf8(body);
        if (text != null) {
            root.put("body", text);
        } else {
            root.put("body_base64", Base64.getEncoder().encodeToString(body));
        }
        return JSON.writeValueAsString(root);
    }

    /** One line of an export file as the message it was. */
    public static DeadLetter parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] body;
        if (root.path("body").isString()) {
            body = root.path("body").stringValue().getBytes(StandardCharsets.UTF_8);
        } else if (root.path("body_base64").isString()) {
            try {
                body = Base64.getDecoder().decode(root.path("body_base64").stringValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body_base64 is not base64");
            }
        } else {
            throw new IllegalArgumentException("no body or body_base64");
        }
        JsonNode props = root.path("properties");
        Map<String, Object> headers = new LinkedHashMap<>();
        JsonNode headerNode = root.path("headers");
        if (headerNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : headerNode.properties()) {
                headers.put(entry.getKey(), fromJson(entry.getValue()));
            }
        }
        AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder()
                .messageId(text(root.path("message_id")))
                .contentType(text(props.path("content_type")))
                .contentEncoding(text(props.path("content_encoding")))
                // a dead letter is worth keeping across a broker restart, whatever the file says
                .deliveryMode(2)
                .correlationId(text(props.path("correlation_id")))
                .type(text(props.path("type")))
                .appId(text(props.path("app_id")))
                .headers(headers);
        if (props.path("priority").isNumber()) {
            builder.priority(props.path("priority").intValue());
        }
        String timestamp = text(props.path("timestamp"));
        if (timestamp != null) {
            Instant instant = HeaderValues.instant(timestamp);
            if (instant == null) {
                throw new IllegalArgumentException("properties.timestamp is not an instant: " + timestamp);
            }
            builder.timestamp(Date.from(instant));
        }
        return DeadLetter.of(builder.build(), body);
    }

    private static JsonNode toJson(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case LongString s -> NODES.stringNode(HeaderValues.text(s));
            case String s -> NODES.stringNode(s);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case Double d -> NODES.numberNode(d);
            case Float f -> NODES.numberNode(f);
            case BigDecimal d -> NODES.numberNode(d);
            case BigInteger i -> NODES.numberNode(i);
            case Boolean b -> NODES.booleanNode(b);
            case Date d -> NODES.stringNode(d.toInstant().toString());
            case byte[] bytes -> NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
                yield object;
            }
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(v -> array.add(toJson(v)));
                yield array;
            }
            default -> NODES.stringNode(value.toString());
        };
    }

    private static Object fromJson(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(fromJson(item)));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), fromJson(entry.getValue()));
            }
            return map;
        }
        return null;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
