package com.rdploomes.worker.admin.deadletters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rdploomes.model.FailureHeaders;

/**
 * The message a replay puts back on the input queue: the same body, message id and properties, so it is the
 * same conversion; the failure headers gone, so the worker counts its attempts from one again and the retry
 * tiers are all available; and a note of the replay.
 */
final class ReplayedMessage {

    /** Headers of the last failure and of the broker's own dead-lettering; the history goes into REPLAYED_REASON. */
    private static final List<String> FAILURE_HEADERS = List.of(
            FailureHeaders.ATTEMPT, FailureHeaders.REASON, FailureHeaders.DETAIL, FailureHeaders.LAST_HTTP_STATUS,
            FailureHeaders.FIRST_FAILED_AT, FailureHeaders.LAST_FAILED_AT,
            "x-death", "x-first-death-reason", "x-first-death-queue", "x-first-death-exchange",
            "x-last-death-reason", "x-last-death-queue", "x-last-death-exchange",
            "x-delivery-count", "x-acquired-count");

    private ReplayedMessage() {
    }

    static AMQP.BasicProperties properties(DeadLetter letter, Instant now) {
        Map<String, Object> headers = new LinkedHashMap<>(letter.headers());
        FAILURE_HEADERS.forEach(headers::remove);
        headers.put(ReplayHeaders.REPLAYED_AT, now.toString());
        headers.put(ReplayHeaders.REPLAY_COUNT, letter.replayCount() + 1);
        headers.put(ReplayHeaders.REPLAYED_REASON, letter.reason());
        return letter.properties().builder()
                .headers(headers)
                .deliveryMode(2)
                .build();
    }
}
