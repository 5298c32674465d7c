package com.rdploomes.worker.failure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;

import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.Masking;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends a failed message where the failure rules say: the next delayed retry tier while a transient failure
 * has tiers left, else the dead-letter queue with the reason in its headers. The body is never altered and
 * the message id is kept, so a replay is the same conversion.
 */
public class FailureRouter {

    private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);
    /** Enough for a Ploomes error message; a 1 MB error body must not make the republish fail. */
    static final int MAX_DETAIL_BYTES = 1_024;

    private final ConfirmedPublisher publisher;
    private final Topology topology;
    private final Clock clock;
    private final MeterRegistry meters;

    FailureRouter(ConfirmedPublisher publisher, Topology topology, Clock clock, MeterRegistry meters) {
        this.publisher = publisher;
        this.topology = topology;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param attempt how many attempts, this one included, the worker has made
     * @return where the message went
     */
    public Destination route(Message failed, int attempt, Failure failure) {
        boolean retry = failure.retryable() && attempt <= topology.retryDelays().size();
        String queue = retry ? topology.retryQueue(attempt - 1) : topology.deadLetterQueue();
        publisher.publish("", queue, withFailure(failed, attempt, failure));
        Destination destination = retry ? Destination.RETRY_TIER : Destination.DEAD_LETTER_QUEUE;
        Counter.builder(retry ? "rdploomes.worker.retried" : "rdploomes.worker.dead.lettered")
                .description(retry ? "Conversions sent to a delayed retry tier" : "Conversions parked in the dead-letter queue")
                .tag("reason", failure.reason())
                .register(meters)
                .increment();
        log.warn("conversion {} conversion={} attempt={} reason={} status={} queue={} detail={}",
                retry ? "will be retried" : "dead-lettered", failed.getMessageProperties().getMessageId(), attempt,
                failure.reason(), failure.httpStatus(), queue, Masking.text(bounded(failure.detail())));
        return destination;
    }

    private Message withFailure(Message failed, int attempt, Failure failure) {
        String now = Instant.now(clock).toString();
        MessageProperties properties = MessagePropertiesBuilder.fromClonedProperties(failed.getMessageProperties())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(FailureHeaders.ATTEMPT, attempt)
                .setHeader(FailureHeaders.REASON, failure.reason())
                .setHeader(FailureHeaders.DETAIL, bounded(failure.detail()))
                .setHeader(FailureHeaders.LAST_HTTP_STATUS, failure.httpStatus())
                .setHeader(FailureHeaders.LAST_FAILED_AT, now)
                .build();
        if (properties.getHeader(FailureHeaders.FIRST_FAILED_AT) == null) {
            properties.setHeader(FailureHeaders.FIRST_FAILED_AT, now);
        }
        return new Message(failed.getBody(), properties);
    }

    /** Cut to at most {@link #MAX_DETAIL_BYTES} of UTF-8 without splitting a character. */
    static String bounded(String detail) {
        if (detail == null) {
            return "";
        }
        byte[] bytes = detail.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DETAIL_BYTES) {
            return detail;
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < detail.length(); ) {
            int codePoint = detail.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > MAX_DETAIL_BYTES - 3) {
                break;
            }
            out.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return out.append("…").toString();
    }

    public enum Destination { RETRY_TIER, DEAD_LETTER_QUEUE }
}
