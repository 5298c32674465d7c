package com.rdploomes.worker.admin.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.LongString;

/** AMQP header values as the broker hands them back: strings arrive as LongString, numbers as any width. */
final class HeaderValues {

    private HeaderValues() {
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LongString longString) {
            return new String(longString.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    /** A number, or null when absent or not readable as one (a foreign or garbled header must not break a listing). */
    static Integer integer(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = text(value);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first entry of the broker's x-death list, when the broker itself dead-lettered the message. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstDeath(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty() && deaths.getFirst() instanceof Map<?, ?> death) {
            return (Map<String, Object>) death;
        }
        return Map.of();
    }
}
