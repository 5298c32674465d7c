package com.rdploomes.receiver.rdstation;

import java.time.Instant;

/**
 * The three RD Station body shapes this receiver turns into conversions. Sealed: a new shape is a
 * deliberate change here and in {@link RdWebhookParser}, never a guess.
 */
sealed interface RdBody permits LegacyLeads, WebhookV2, EventsApi {

    /** Every lead of the body, as a conversion or as the reason it cannot be one. */
    ParseOutcome.Leads conversions(Instant receivedAt);
}
