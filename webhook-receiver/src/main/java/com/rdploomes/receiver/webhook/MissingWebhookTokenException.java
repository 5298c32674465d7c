package com.rdploomes.receiver.webhook;

/** Startup without a webhook token: refused, since the endpoint would take anyone's posts into the CRM. */
final class MissingWebhookTokenException extends IllegalStateException {

    MissingWebhookTokenException() {
        super("WEBHOOK_TOKEN is not set: the webhook would accept posts from anyone. Set WEBHOOK_TOKEN to a "
                + "long random secret, or WEBHOOK_AUTH=disabled to run without authentication (local use only).");
    }
}
