package com.rdploomes.receiver.webhook;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing token into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class MissingWebhookTokenFailureAnalyzer extends AbstractFailureAnalyzer<MissingWebhookTokenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingWebhookTokenException cause) {
        return new FailureAnalysis(
                "WEBHOOK_TOKEN is not set, so POST /webhook/rdstation would accept posts from anyone.",
                "Set WEBHOOK_TOKEN to a long random secret and configure the RD Station webhook URL as "
                        + ".../webhook/rdstation?token=<secret> (or send it in the X-Webhook-Token header). "
                        + "For local experiments only, WEBHOOK_AUTH=disabled accepts posts without a token.",
                cause);
    }
}
