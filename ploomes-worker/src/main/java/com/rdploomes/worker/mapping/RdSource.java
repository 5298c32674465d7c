package com.rdploomes.worker.mapping;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Phone;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where in an RD conversion a mapped value comes from, as the mapping file names it in {@code from}:
 * a standard field ({@code name}, {@code city}, ...), a conversion fact ({@code conversion_identifier},
 * {@code occurred_at}, {@code opportunity}, ...), a traffic value ({@code traffic_source}, ...), a custom
 * field ({@code cf_<api identifier>} of 2.0 and the Events API, or {@code custom_fields.<label>} of the
 * legacy webhook), or anything in the lead as RD sent it ({@code raw:<JSON pointer>}, e.g.
 * {@code raw:/last_conversion/content/[TRACK] utm_source}).
 *
 * @param name the name as written in the mapping file
 * @param customFieldKey the key in the lead's custom fields, for custom-field sources; else null
 */
public record RdSource(String name, String customFieldKey, Function<Conversion, JsonNode> reader) {

    static final String CUSTOM_FIELD_PREFIX = "cf_";
    static final String LEGACY_LABEL_PREFIX = "custom_fields.";
    static final String RAW_PREFIX = "raw:";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");

    /** The standard sources, in the order the README lists them. */
    private static final Map<String, Function<Conversion, JsonNode>> STANDARD = standard();

    /** The value in this conversion; null, a missing node or JSON null when it has none. */
    public JsonNode valueIn(Conversion conversion) {
        return reader.apply(conversion);
    }

    public static List<String> standardNames() {
        return List.copyOf(STANDARD.keySet());
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and what would be right
     */
    static RdSource parse(String text) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty source");
        }
        Function<Conversion, JsonNode> standard = STANDARD.get(name);
        if (standard != null) {
            return new RdSource(name, null, standard);
        }
        if (name.startsWith(CUSTOM_FIELD_PREFIX) && name.length() > CUSTOM_FIELD_PREFIX.length()) {
            return custom(name, name);
        }
        if (name.startsWith(LEGACY_LABEL_PREFIX) && name.length() > LEGACY_LABEL_PREFIX.length()) {
            return custom(name, name.substring(LEGACY_LABEL_PREFIX.length()));
        }
        if (name.startsWith(RAW_PREFIX)) {
            String pointer = name.substring(RAW_PREFIX.length());
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("'" + name + "': after raw: comes a JSON pointer starting with /, "
                        + "e.g. raw:/last_conversion/content/[TRACK] utm_source");
            }
            JsonPointer compiled = JsonPointer.compile(pointer);
            return new RdSource(name, null, c -> c.rawLead() == null ? null : c.rawLead().at(compiled));
        }
        throw new IllegalArgumentException("'" + name + "' is not an RD source; use one of " + STANDARD.keySet()
                + ", cf_<field api identifier>, custom_fields.<legacy label> or raw:<JSON pointer>");
    }

    private static RdSource custom(String name, String key) {
        return new RdSource(name, key, c -> c.lead().customFields().get(key));
    }

    private static Map<String, Function<Conversion, JsonNode>> standard() {
        Map<String, Function<Conversion, JsonNode>> sources = new LinkedHashMap<>();
        sources.put("email", c -> text(c.lead().email()));
        sources.put("name", c -> text(c.lead().name()));
        sources.put("company", c -> text(c.lead().company()));
        sources.put("job_title", c -> text(c.lead().jobTitle()));
        sources.put("city", c -> text(c.lead().city()));
        sources.put("state", c -> text(c.lead().state()));
        sources.put("tags", c -> {
            ArrayNode tags = NODES.arrayNode();
            c.lead().tags().forEach(tags::add);
            return tags;
        });
        sources.put("personal_phone", c -> phone(c, Phone.Kind.PERSONAL));
        sources.put("mobile_phone", c -> phone(c, Phone.Kind.MOBILE));
        sources.put("conversion_identifier", c -> text(c.conversionIdentifier()));
        sources.put("conversion_id", c -> text(c.id()));
        sources.put("event_type", c -> text(c.eventType()));
        sources.put("occurred_at", c -> text(occurredAt(c)));
        sources.put("opportunity", c -> RdOpportunity.value(c).map(NODES::booleanNode).orElse(null));
        sources.put("traffic_source", c -> text(c.traffic().source()));
        sources.put("traffic_medium", c -> text(c.traffic().medium()));
        sources.put("traffic_campaign", c -> text(c.traffic().campaign()));
        sources.put("traffic_channel", c -> text(c.traffic().channel()));
        return Collections.unmodifiableMap(sources);
    }

    /** When RD says it happened, else when the receiver got it; ISO-8601 in Brasília's offset. */
    private static String occurredAt(Conversion conversion) {
        Instant when = conversion.occurredAt() != null ? conversion.occurredAt() : conversion.receivedAt();
        return when == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                when.truncatedTo(ChronoUnit.SECONDS).atZone(BRASILIA).toOffsetDateTime());
    }

    private static JsonNode phone(Conversion conversion, Phone.Kind kind) {
        return conversion.lead().phones().stream().filter(p -> p.kind() == kind).findFirst()
                .map(p -> text(p.number())).orElse(null);
    }

    private static JsonNode text(String value) {
        return value == null ? null : NODES.stringNode(value);
    }
}
