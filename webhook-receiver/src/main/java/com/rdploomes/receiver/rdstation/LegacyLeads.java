package com.rdploomes.receiver.rdstation;

import static com.rdploomes.receiver.rdstation.JsonValues.text;

import java.time.Instant;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionId;
import com.rdploomes.model.Lead;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.Traffic;

import tools.jackson.databind.JsonNode;

/**
 * The legacy (API 1.x) webhook {@code {"leads":[...]}} that RD sends from its UI and automation flows.
 * The conversion this webhook reports is the lead's {@code last_conversion}.
 *
 * @param leads the {@code leads} array as sent
 */
record LegacyLeads(JsonNode leads) implements RdBody {

    /** Legacy bodies carry no event type; this literal marks them for the worker and for operators. */
    static final String EVENT_TYPE = "WEBHOOK.LEGACY";

    @Override
    public ParseOutcome.Leads conversions(Instant receivedAt) {
        LeadCollector collector = new LeadCollector();
        for (JsonNode lead : leads) {
            collector.add(() -> conversion(lead, receivedAt));
        }
        return collector.result(Conversion.SourceFormat.LEGACY);
    }

    private static Conversion conversion(JsonNode lead, Instant receivedAt) {
        if (!lead.isObject()) {
            throw new UnusableLeadException("the lead is not a JSON object");
        }
        String email = EmailAddress.normalise(lead.get("email"));
        JsonNode last = lead.path("last_conversion");
        JsonNode content = last.path("content");
        Instant occurredAt = JsonValues.instant(last.get("created_at"));
        String uuid = text(lead.get("uuid"));
        // Only this conversion's CDP event identifies it. first_conversion's event_uuid is the lead's first
        // form ever: keying on it would make every later conversion of the lead look like a duplicate.
        String eventUuid = text(content.path("__cdp__original_event").get("event_uuid"));

        Lead normalised = new Lead(
                email,
                text(lead.get("name")),
                JsonValues.phones(lead.get("personal_phone"), lead.get("mobile_phone")),
                JsonValues.company(lead.get("company")),
                text(lead.get("job_title")),
                text(lead.get("city")),
                text(lead.get("state")),
                JsonValues.tags(lead.get("tags")),
                JsonValues.entries(lead.get("custom_fields")));
        JsonNode origin = last.path("conversion_origin");
        Traffic traffic = new Traffic(
                text(origin.get("source")), text(origin.get("medium")),
                text(origin.get("campaign")), text(origin.get("channel")));
        return new Conversion(
                Conversion.SCHEMA_VERSION,
                ConversionId.of(eventUuid, uuid, occurredAt, lead),
                Conversion.SourceFormat.LEGACY,
                EVENT_TYPE,
                occurredAt,
                receivedAt,
                normalised,
                new RdIds(text(lead.get("id")), uuid),
                conversionIdentifier(last, content),
                traffic,
                lead);
    }

    /** The form's identifier as RD names it in the content, else the conversion's source (also the form). */
    private static String conversionIdentifier(JsonNode last, JsonNode content) {
        String identifier = text(content.get("identificador"));
        if (identifier == null) {
            identifier = text(content.get("conversion_identifier"));
        }
        return identifier != null ? identifier : text(last.get("source"));
    }
}
