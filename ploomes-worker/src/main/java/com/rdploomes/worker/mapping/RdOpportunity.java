package com.rdploomes.worker.mapping;

import java.util.Optional;

import com.rdploomes.model.Conversion;

import tools.jackson.databind.JsonNode;

/**
 * Whether RD says the lead is a sales opportunity. RD tells it three ways: the 2.0 event
 * {@code WEBHOOK.MARKED_OPPORTUNITY} (the marking itself), the legacy lead's {@code opportunity} (a string,
 * "true"/"false") and the 2.0 contact's {@code funnel.opportunity} (a boolean). The Events-API shape says
 * nothing about it. Read from the raw lead, so the message contract needs no field of its own.
 */
public final class RdOpportunity {

    public static final String MARKED_OPPORTUNITY = "WEBHOOK.MARKED_OPPORTUNITY";

    private RdOpportunity() {
    }

    /** The event is RD marking the lead as an opportunity (not a form conversion). */
    public static boolean isMarkingEvent(Conversion conversion) {
        return MARKED_OPPORTUNITY.equalsIgnoreCase(conversion.eventType());
    }

    /** The marking event, or a lead RD flags as an opportunity. */
    public static boolean isOpportunity(Conversion conversion) {
        return isMarkingEvent(conversion) || flag(conversion).orElse(false);
    }

    /** What RD says, when it says anything: true for the marking event, else the lead's flag. */
    static Optional<Boolean> value(Conversion conversion) {
        return isMarkingEvent(conversion) ? Optional.of(true) : flag(conversion);
    }

    private static Optional<Boolean> flag(Conversion conversion) {
        JsonNode raw = conversion.rawLead();
        if (raw == null || !raw.isObject()) {
            return Optional.empty();
        }
        JsonNode flag = raw.has("opportunity") ? raw.get("opportunity") : raw.path("funnel").get("opportunity");
        if (flag == null || flag.isNull()) {
            return Optional.empty();
        }
        if (flag.isBoolean()) {
            return Optional.of(flag.booleanValue());
        }
        String text = flag.asString("").strip();
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        if (text.equalsIgnoreCase("false")) {
            return Optional.of(false);
        }
        return Optional.empty(); // anything else says nothing we can trust
    }
}
