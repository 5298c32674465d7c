package com.rdploomes.worker.admin.deadletters;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.Masking;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One message of the dead-letter queue as an operator sees it: the conversion, why and when it failed, and the
 * message itself (properties and body, never altered). Read leniently: a body that is not a conversion (the
 * reason it is here, sometimes) or a foreign header still lists.
 */
public final class DeadLetter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AMQP.BasicProperties properties;
    private final byte[] body;
    private final Map<String, Object> headers;
    private final String conversionId;
    private final String reason;
    private final String detail;
    private final Integer lastHttpStatus;
    private final int attempts;
    private final Instant firstFailedAt;
    private final Instant failedAt;
    private final String email;
    private final int replayCount;
    private final Instant lastReplayedAt;

    private DeadLetter(AMQP.BasicProperties properties, byte[] body) {
        this.properties = properties;
        this.body = body == null ? new byte[0] : body;
        this.headers = properties.getHeaders() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties.getHeaders()));
        JsonNode json = parse(this.body);
        String id = properties.getMessageId();
        if ((id == null || id.isBlank()) && json != null && json.path("id").isString()) {
            id = json.path("id").stringValue();
        }
        this.conversionId = id == null || id.isBlank() ? "(no id)" : id;
        this.reason = reasonOf(headers);
        this.detail = orEmpty(HeaderValues.text(headers.get(FailureHeaders.DETAIL)));
        this.lastHttpStatus = HeaderValues.integer(headers.get(FailureHeaders.LAST_HTTP_STATUS));
        Integer attempt = HeaderValues.integer(headers.get(FailureHeaders.ATTEMPT));
        this.attempts = attempt == null ? 0 : attempt;
        Map<String, Object> death = HeaderValues.firstDeath(headers);
        Instant last = HeaderValues.instant(headers.get(FailureHeaders.LAST_FAILED_AT));
        if (last == null) {
            last = HeaderValues.instant(death.get("time"));
        }
        if (last == null && properties.getTimestamp() != null) {
            last = properties.getTimestamp().toInstant();
        }
        this.failedAt = last;
        Instant first = HeaderValues.instant(headers.get(FailureHeaders.FIRST_FAILED_AT));
        this.firstFailedAt = first == null ? last : first;
        String leadEmail = json == null ? null : json.path("lead").path("email").isString() ? json.path("lead").path("email").stringValue() : null;
        this.email = leadEmail == null || leadEmail.isBlank() ? null : normalise(leadEmail);
        Integer replays = HeaderValues.integer(headers.get(ReplayHeaders.REPLAY_COUNT));
        this.replayCount = replays == null ? 0 : replays;
        this.lastReplayedAt = HeaderValues.instant(headers.get(ReplayHeaders.REPLAYED_AT));
    }

    public static DeadLetter of(AMQP.BasicProperties properties, byte[] body) {
        return new DeadLetter(properties, body);
    }

    /** How e-mails are compared: the receiver stores them trimmed and lower-cased. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public AMQP.BasicProperties properties() {
        return properties;
    }

    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    public Map<String, Object> headers() {
        return headers;
    }

    public String conversionId() {
        return conversionId;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** The detail on one line, at most {@code max} characters, with e-mails and phones masked: for lists. */
    public String shortDetail(int max) {
        String line = Masking.text(detail.replaceAll("\\s+", " ").trim());
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 1)) + "…";
    }

    public Integer lastHttpStatus() {
        return lastHttpStatus;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstFailedAt() {
        return firstFailedAt;
    }

    /** When it was parked: x-last-failed-at, else the broker's x-death time, else the message timestamp. */
    public Instant failedAt() {
        return failedAt;
    }

    /** The lead's normalised e-mail, or null: for matching only, never for printing. */
    public String email() {
        return email;
    }

    public String maskedEmail() {
        return Masking.email(email);
    }

    public int replayCount() {
        return replayCount;
    }

    public Instant lastReplayedAt() {
        return lastReplayedAt;
    }

    private static String reasonOf(Map<String, Object> headers) {
        String reason = HeaderValues.text(headers.get(FailureHeaders.REASON));
        if (reason != null && !reason.isBlank()) {
            return reason;
        }
        // parked by the broker itself (the input queue's delivery limit): the worker never classified it
        String brokerReason = HeaderValues.text(headers.get("x-first-death-reason"));
        if (brokerReason == null) {
            brokerReason = HeaderValues.text(HeaderValues.firstDeath(headers).get("reason"));
        }
        if (brokerReason != null && !brokerReason.isBlank()) {
            return brokerReason.replace('_', '-');
        }
        return "unknown";
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        // never the body or the e-mail: this may end up in a log
        return "DeadLetter[" + conversionId + ", " + reason + ", attempts=" + attempts + ", failedAt=" + failedAt + "]";
    }
}
