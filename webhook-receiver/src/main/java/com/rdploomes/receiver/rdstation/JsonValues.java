package com.rdploomes.receiver.rdstation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rdploomes.model.Phone;

import tools.jackson.databind.JsonNode;

/**
 * Reading RD's loosely typed JSON: ids and numbers arrive as strings or numbers, tags as a list or a
 * comma string, and imported data uses the literal {@code \N} for "no value". Every reader answers
 * {@code null} (or an empty collection) rather than failing: an odd field must never lose the lead.
 */
final class JsonValues {

    /** What RD writes for "no value" in imported data (a backslash and an N), seen in phones and custom fields. */
    static final String NO_VALUE = "\\N";

    /** Above this an epoch number is taken as milliseconds, below as seconds (1e11 s is the year 5138). */
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    private JsonValues() {
    }

    /** A scalar as trimmed text; null for absent, JSON null, blank, {@code \N}, objects and arrays. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue();
        } else if (node.isIntegralNumber()) {
            // a lead id such as 3100000001 exceeds int: BigInteger keeps every digit
            value = node.bigIntegerValue().toString();
        } else if (node.isNumber()) {
            value = node.decimalValue().stripTrailingZeros().toPlainString();
        } else {
            value = node.asString();
        }
        value = value.trim();
        return value.isEmpty() || NO_VALUE.equals(value) ? null : value;
    }

    /** A company given as text (legacy) or as an object with a name (2.0). */
    static String company(JsonNode node) {
        if (node != null && node.isObject()) {
            return text(node.get("name"));
        }
        return text(node);
    }

    /** Tags as a JSON list or as one comma-separated string; blanks dropped, order kept, no repeats. */
    static List<String> tags(JsonNode node) {
        Set<String> tags = new LinkedHashSet<>();
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                String tag = text(element);
                if (tag != null) {
                    tags.add(tag);
                }
            }
        } else {
            String joined = text(node);
            if (joined != null) {
                for (String part : joined.split(",")) {
                    if (!part.isBlank()) {
                        tags.add(part.trim());
                    }
                }
            }
        }
        return List.copyOf(tags);
    }

    /** The personal and mobile phones that hold a number; {@code \N} and blanks dropped. */
    static List<Phone> phones(JsonNode personal, JsonNode mobile) {
        List<Phone> phones = new ArrayList<>(2);
        String personalNumber = text(personal);
        if (personalNumber != null) {
            phones.add(new Phone(Phone.Kind.PERSONAL, personalNumber));
        }
        String mobileNumber = text(mobile);
        if (mobileNumber != null) {
            phones.add(new Phone(Phone.Kind.MOBILE, mobileNumber));
        }
        return phones;
    }

    /**
     * Custom field values as sent (string, number, boolean, list...), except JSON null and {@code \N},
     * which only say "empty" and would otherwise overwrite data in the CRM.
     */
    static boolean hasValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        return !(value.isString() && NO_VALUE.equals(value.stringValue().trim()));
    }

    /** Every {@code cf_*} property of an object (2.0 contact, Events-API payload), values unchanged. */
    static Map<String, JsonNode> cfProperties(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.forEachEntry((key, value) -> {
            if (key.startsWith("cf_") && hasValue(value)) {
                fields.put(key, value);
            }
        });
        return fields;
    }

    /** Every entry of a map object (legacy {@code custom_fields}, keyed by label), values unchanged. */
    static Map<String, JsonNode> entries(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.forEachEntry((key, value) -> {
                if (hasValue(value)) {
                    fields.put(key, value);
                }
            });
        }
        return fields;
    }

    /** An ISO-8601 timestamp with offset or "Z", or an epoch number; null when absent or unreadable. */
    static Instant instant(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            long epoch = node.longValue();
            return epoch >= EPOCH_MILLIS_THRESHOLD ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
        }
        String value = text(node);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException unreadable) {
                // an unreadable timestamp only weakens the conversion id (it falls back to the hash)
                return null;
            }
        }
    }
}
