package com.rdploomes.receiver.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret of the webhook URL. RD Station signs nothing and sets no custom header, so a token
 * in the URL (or, for other senders, the {@code X-Webhook-Token} header) is the only proof of origin.
 *
 * <p>Compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and equal-length
 * inputs, so neither the content nor the length of the secret leaks through response timing.
 */
final class WebhookToken {

    private final byte[] expectedDigest;

    private WebhookToken(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    static WebhookToken required(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new MissingWebhookTokenException();
        }
        return new WebhookToken(digest(secret.strip()));
    }

    /** Accepts every request; only for WEBHOOK_AUTH=disabled. */
    static WebhookToken disabled() {
        return new WebhookToken(null);
    }

    boolean isRequired() {
        return expectedDigest != null;
    }

    /** True when authentication is disabled or one of the presented tokens is the secret. */
    boolean accepts(String... presented) {
        if (!isRequired()) {
            return true;
        }
        boolean accepted = false;
        for (String candidate : presented) {
            // no early exit: the answer takes the same time whichever candidate matches
            accepted |= candidate != null && MessageDigest.isEqual(digest(candidate), expectedDigest);
        }
        return accepted;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
