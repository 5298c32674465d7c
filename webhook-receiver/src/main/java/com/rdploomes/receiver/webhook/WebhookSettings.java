package com.rdploomes.receiver.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param token the shared secret RD puts in the webhook URL (env {@code WEBHOOK_TOKEN})
 * @param auth {@code disabled} to accept posts without a token, for local experiments only (env {@code WEBHOOK_AUTH})
 * @param maxBodyBytes the largest body accepted (env {@code WEBHOOK_MAX_BODY_BYTES}); one real lead is about 8 KB
 * @param retryAfter the {@code Retry-After} of a 503 (env {@code WEBHOOK_RETRY_AFTER})
 */
@ConfigurationProperties("rd-ploomes.webhook")
record WebhookSettings(
        String token,
        @DefaultValue("required") String auth,
        @DefaultValue("1MB") DataSize maxBodyBytes,
        @DefaultValue("30s") Duration retryAfter) {

    static final String AUTH_DISABLED = "disabled";

    boolean authDisabled() {
        return auth != null && AUTH_DISABLED.equalsIgnoreCase(auth.strip());
    }
}
