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
 * The Events-API shape {@code {"event_type":"CONVERSION","payload":{...}}}. RD does not send it as a
 * webhook, but the replaced system documented its endpoint with it, so existing senders and manual
 * tests (samples/rdstation/seed-conversion.json) use it.
 *
 * @param eventType always {@code CONVERSION} (other types are ignored before this)
 * @param payload the {@code payload} object as sent
 */
record EventsApi(String eventType, JsonNode payload) implements RdBody {

    static final String CONVERSION = "CONVERSION";

    @Override
    public ParseOutcome.Leads conversions(Instant receivedAt) {
        LeadCollector collector = new LeadCollector();
        collector.add(() -> conversion(receivedAt));
        return collector.result(Conversion.SourceFormat.EVENTS_API);
    }

    private Conversion conversion(Instant receivedAt) {
        String email = EmailAddress.normalise(payload.get("email"));
        String company = JsonValues.company(payload.get("company_name"));
        if (company == null) {
            company = JsonValues.company(payload.get("company"));
        }
        Lead lead = new Lead(
                email,
                text(payload.get("name")),
                JsonValues.phones(payload.get("personal_phone"), payload.get("mobile_phone")),
                company,
                text(payload.get("job_title")),
                text(payload.get("city")),
                text(payload.get("state")),
                JsonValues.tags(payload.get("tags")),
                JsonValues.cfProperties(payload));
        Traffic traffic = new Traffic(
                text(payload.get("traffic_source")), text(payload.get("traffic_medium")),
                text(payload.get("traffic_campaign")), null);
        return new Conversion(
                Conversion.SCHEMA_VERSION,
                // no RD uuid and no timestamp in this shape: the id is the hash of the payload
                ConversionId.of(null, null, null, payload),
                Conversion.SourceFormat.EVENTS_API,
                eventType,
                null,
                receivedAt,
                lead,
                RdIds.NONE,
                text(payload.get("conversion_identifier")),
                traffic,
                payload);
    }
}
