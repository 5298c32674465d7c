package com.rdploomes.receiver.rdstation;

import static com.rdploomes.receiver.rdstation.JsonValues.text;

import java.time.Instant;
import java.util.Set;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionId;
import com.rdploomes.model.Lead;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.Traffic;

import tools.jackson.databind.JsonNode;

/**
 * The 2.0 webhook (subscriptions made through RD's REST API): one {@code contact} per body, custom
 * fields flattened into it as {@code cf_*}.
 *
 * @param eventType the body's {@code event_type}, upper-cased
 * @param body the whole body (for {@code event_identifier} and {@code event_timestamp})
 * @param contact the {@code contact} object as sent
 */
record WebhookV2(String eventType, JsonNode body, JsonNode contact) implements RdBody {

    /** The 2.0 event types that report a conversion; other {@code WEBHOOK.*} types are ignored. */
    static final Set<String> CONVERSION_EVENTS = Set.of("WEBHOOK.CONVERTED", "WEBHOOK.MARKED_OPPORTUNITY");

    @Override
    public ParseOutcome.Leads conversions(Instant receivedAt) {
        LeadCollector collector = new LeadCollector();
        collector.add(() -> conversion(receivedAt));
        return collector.result(Conversion.SourceFormat.WEBHOOK_V2);
    }

    private Conversion conversion(Instant receivedAt) {
        String email = EmailAddress.normalise(contact.get("email"));
        Instant occurredAt = JsonValues.instant(body.get("event_timestamp"));
        String uuid = text(contact.get("uuid"));
        Lead lead = new Lead(
                email,
                text(contact.get("name")),
                JsonValues.phones(contact.get("personal_phone"), contact.get("mobile_phone")),
                JsonValues.company(contact.get("company")),
                text(contact.get("job_title")),
                text(contact.get("city")),
                text(contact.get("state")),
                JsonValues.tags(contact.get("tags")),
                JsonValues.cfProperties(contact));
        return new Conversion(
                Conversion.SCHEMA_VERSION,
                // 2.0 bodies carry no CDP event uuid: the contact uuid and the event's time identify the conversion
                ConversionId.of(null, uuid, occurredAt, contact),
                Conversion.SourceFormat.WEBHOOK_V2,
                eventType,
                occurredAt,
                receivedAt,
                lead,
                new RdIds(text(contact.get("id")), uuid),
                text(body.get("event_identifier")),
                traffic(),
                contact);
    }

    /** 2.0 has no conversion origin; the funnel's origin ("Busca Paga | Google") is the best source it gives. */
    private Traffic traffic() {
        String source = text(contact.get("traffic_source"));
        if (source == null) {
            source = text(contact.path("funnel").get("origin"));
        }
        return new Traffic(source, text(contact.get("traffic_medium")), text(contact.get("traffic_campaign")), null);
    }
}
