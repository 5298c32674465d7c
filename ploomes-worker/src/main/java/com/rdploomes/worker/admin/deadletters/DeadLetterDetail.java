package com.rdploomes.worker.admin.deadletters;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole dead letter, for {@code show} and the page's details: its summary, AMQP properties, every header and the
 * body (the conversion JSON, or text, or base64 when it is neither). This is the one view with the lead's data in
 * full, for an operator who has to see what Ploomes refused; it is never logged.
 *
 * @param body the body parsed as JSON when it is JSON, else null
 * @param bodyText the body as text when it is UTF-8 but not JSON, else null
 * @param bodyBase64 the body when it is not text, else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetterDetail(DeadLetterSummary summary, Map<String, Object> properties, Map<String, Object> headers,
                               JsonNode body, String bodyText, String bodyBase64) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static DeadLetterDetail of(DeadLetter letter) {
        // the export line already holds properties, headers and body in plain JSON types
        JsonNode line = JSON.readTree(ExportFormat.line(letter));
        Map<String, Object> properties = JSON.convertValue(line.path("properties"), Map.class);
        properties.put("message_id", letter.properties().getMessageId());
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = JSON.convertValue(line.path("headers"), Map.class);
        JsonNode body = null;
        String text = null;
        if (line.path("body").isString()) {
            text = line.path("body").stringValue();
            try {
                body = JSON.readTree(text);
                text = null;
            } catch (tools.jackson.core.JacksonException notJson) {
                body = null;
            }
        }
        String base64 = line.path("body_base64").isString() ? line.path("body_base64").stringValue() : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> typedProperties = properties;
        return new DeadLetterDetail(DeadLetterSummary.of(letter), typedProperties, headers, body, text, base64);
    }
}
