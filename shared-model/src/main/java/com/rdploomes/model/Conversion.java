package com.rdploomes.model;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One RD Station conversion of one lead: the message the receiver publishes and the worker consumes.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} for messages this code writes
 * @param id the stable conversion id (see {@link ConversionId}); also the AMQP message_id
 * @param format which RD body shape it came from
 * @param eventType the RD event type as sent (e.g. {@code WEBHOOK.CONVERTED}, {@code CONVERSION})
 * @param occurredAt when RD says the conversion happened, when it says so
 * @param receivedAt when the receiver accepted it
 * @param lead the normalised lead
 * @param rd RD's identifiers of the lead
 * @param conversionIdentifier the form or asset that converted ("orcamento-site"), when known
 * @param traffic traffic source and UTM values, when known
 * @param rawLead the lead JSON exactly as RD sent it, kept for forensics
 */
public record Conversion(
        int schemaVersion,
        String id,
        SourceFormat format,
        String eventType,
        Instant occurredAt,
        Instant receivedAt,
        Lead lead,
        RdIds rd,
        String conversionIdentifier,
        Traffic traffic,
        JsonNode rawLead) {

    public static final int SCHEMA_VERSION = 1;

    public Conversion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lead, "lead");
        rd = rd == null ? RdIds.NONE : rd;
        traffic = traffic == null ? Traffic.NONE : traffic;
    }

    /** The RD body shapes the receiver understands. */
    public enum SourceFormat { LEGACY, WEBHOOK_V2, EVENTS_API }
}
