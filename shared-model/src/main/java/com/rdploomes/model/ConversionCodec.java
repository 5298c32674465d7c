package com.rdploomes.model;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for {@link Conversion}: snake_case, ISO-8601 instants, unknown fields ignored so that a newer
 * receiver can add fields without breaking an older worker.
 */
public final class ConversionCodec {

    /** AMQP content type of the body. */
    public static final String CONTENT_TYPE = "application/json";
    /** AMQP header naming the schema version of the body. */
    public static final String SCHEMA_HEADER = "x-schema-version";

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public byte[] encode(Conversion conversion) {
        return mapper.writeValueAsBytes(conversion);
    }

    public Conversion decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidConversionException("empty message body");
        }
        Conversion conversion;
        try {
            conversion = mapper.readValue(body, Conversion.class);
        } catch (JacksonException | NullPointerException e) {
            throw new InvalidConversionException("body is not a conversion: " + firstLine(e.getMessage()), e);
        }
        if (conversion == null) {
            throw new InvalidConversionException("body is JSON null");
        }
        if (conversion.schemaVersion() != Conversion.SCHEMA_VERSION) {
            throw new InvalidConversionException("unsupported schema version " + conversion.schemaVersion()
                    + " (this worker reads " + Conversion.SCHEMA_VERSION + ")");
        }
        String email = conversion.lead().email();
        if (email == null || email.isBlank()) {
            throw new InvalidConversionException("conversion " + conversion.id() + " has no lead e-mail");
        }
        return conversion;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
