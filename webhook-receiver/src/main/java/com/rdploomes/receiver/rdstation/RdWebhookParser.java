package com.rdploomes.receiver.rdstation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a webhook body into conversions. Detects the shape from the JSON itself (RD sends all of them to
 * the same URL): {@code leads} means legacy; an {@code event_type} of {@code WEBHOOK.*} with a
 * {@code contact} means 2.0; an {@code event_type} with a {@code payload} means the Events-API shape.
 */
@Component
public class RdWebhookParser {

    /** Named in every "unknown shape" answer, so whoever configured the sender sees what would work. */
    public static final String ACCEPTED_SHAPES =
            "{\"leads\":[{...}]} (RD Station legacy webhook), "
            + "{\"event_type\":\"WEBHOOK.CONVERTED\" or \"WEBHOOK.MARKED_OPPORTUNITY\",\"contact\":{...}} (RD Station webhook 2.0), "
            + "{\"event_type\":\"CONVERSION\",\"payload\":{...}} (RD Station Events API)";

    private static final int MAX_ECHOED_EVENT_TYPE = 80;

    private final JsonMapper mapper = JsonMapper.builder()
            // "{...} junk" is not one JSON document: refuse it rather than silently use the first part
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // numbers in custom fields and in the raw lead keep their exact digits ("0.10" stays 0.10)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @param body the request body bytes, read as UTF-8 whatever charset the sender declared: RD's
     *        JSON is UTF-8, and a wrong charset parameter must not garble accents
     */
    public ParseOutcome parse(byte[] body, Instant receivedAt) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a byte-order mark is not JSON, but some tools write one
        }
        if (text.isBlank()) {
            return new ParseOutcome.Refused(ParseOutcome.Problem.MALFORMED, "The body is empty.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            return new ParseOutcome.Refused(ParseOutcome.Problem.MALFORMED, "The body is not valid JSON" + where(e) + ".");
        }
        return interpret(root, receivedAt);
    }

    private ParseOutcome interpret(JsonNode root, Instant receivedAt) {
        if (root == null || !root.isObject()) {
            return unknownShape("the body is not a JSON object");
        }
        if (root.has("leads")) {
            JsonNode leads = root.get("leads");
            if (!leads.isArray()) {
                return unknownShape("\"leads\" is not an array");
            }
            return new LegacyLeads(leads).conversions(receivedAt);
        }
        JsonNode eventTypeNode = root.get("event_type");
        if (eventTypeNode == null || eventTypeNode.isNull()) {
            return unknownShape("the body has neither \"leads\" nor \"event_type\"");
        }
        if (!eventTypeNode.isString() || eventTypeNode.stringValue().isBlank()) {
            return unknownShape("\"event_type\" is not text");
        }
        String sent = eventTypeNode.stringValue().strip();
        // RD writes event types in upper case; a sender that does not is still understood
        String eventType = sent.toUpperCase(Locale.ROOT);
        if (eventType.startsWith("WEBHOOK.")) {
            if (!WebhookV2.CONVERSION_EVENTS.contains(eventType)) {
                return ignored(sent);
            }
            JsonNode contact = root.get("contact");
            if (contact == null || !contact.isObject()) {
                return unknownShape("a " + eventType + " body has no \"contact\" object");
            }
            return new WebhookV2(eventType, root, contact).conversions(receivedAt);
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            return unknownShape("an \"event_type\" body that is not WEBHOOK.* needs a \"payload\" object");
        }
        if (!EventsApi.CONVERSION.equals(eventType)) {
            return ignored(sent);
        }
        return new EventsApi(eventType, payload).conversions(receivedAt);
    }

    private static ParseOutcome unknownShape(String why) {
        return new ParseOutcome.Refused(ParseOutcome.Problem.UNKNOWN_SHAPE,
                "Not an RD Station conversion body (" + why + "). Accepted shapes: " + ACCEPTED_SHAPES + ".");
    }

    private static ParseOutcome ignored(String eventType) {
        String shown = eventType.length() > MAX_ECHOED_EVENT_TYPE
                ? eventType.substring(0, MAX_ECHOED_EVENT_TYPE) + "..." : eventType;
        return new ParseOutcome.Ignored(shown, "event type " + shown + " is not a conversion");
    }

    /** Line and column only: the parser's own message can quote the body, which answers must not echo. */
    private static String where(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
