package com.rdploomes.worker.intake;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.InvalidConversionException;
import com.rdploomes.model.Masking;
import com.rdploomes.model.Topology;
import com.rdploomes.worker.crm.ConversionHandler;
import com.rdploomes.worker.failure.Failure;
import com.rdploomes.worker.failure.FailureClassifier;
import com.rdploomes.worker.failure.FailureRouter;
import com.rdploomes.worker.queues.QueueAges;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Takes conversions off the input queue. The message is acked when this method returns: after Ploomes
 * accepted the work, or after the failure was confirmed in a retry tier or the DLQ. Anything thrown from
 * here (the broker refused the move) requeues it; the queue's delivery limit stops a loop.
 */
@Component
class ConversionListener {

    private static final Logger log = LoggerFactory.getLogger(ConversionListener.class);

    private final ConversionCodec codec;
    private final ConversionHandler handler;
    private final FailureClassifier classifier;
    private final FailureRouter failures;
    private final MeterRegistry meters;
    private final QueueAges queueAges;
    private final Topology topology;

    ConversionListener(ConversionCodec codec, ConversionHandler handler, FailureClassifier classifier,
                       FailureRouter failures, MeterRegistry meters, QueueAges queueAges, Topology topology) {
        this.codec = codec;
        this.handler = handler;
        this.classifier = classifier;
        this.failures = failures;
        this.meters = meters;
        this.queueAges = queueAges;
        this.topology = topology;
    }

    @RabbitListener(id = "conversions", queues = "#{@topology.inputQueue()}",
            concurrency = "${rd-ploomes.worker.concurrency:1}")
    void onConversion(Message message) {
        int attempt = previousAttempts(message) + 1;
        String messageId = message.getMessageProperties().getMessageId();
        MDC.put("conversionId", messageId == null ? "unknown" : messageId);
        long started = System.nanoTime();
        queueAges.taken(enteredInputAt(message, attempt - 1));
        try {
            Conversion conversion = codec.decode(message.getBody());
            handler.handle(conversion);
            Counter.builder("rdploomes.worker.processed").description("Conversions that reached Ploomes")
                    .register(meters).increment();
            Timer.builder("rdploomes.worker.conversion").description("Time to process one conversion")
                    .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (InvalidConversionException e) {
            failures.route(message, attempt, classifier.classify(e));
        } catch (RuntimeException e) {
            Failure failure = classifier.classify(e);
            if ("worker-error".equals(failure.reason())) {
                log.error("unexpected error on conversion={}: {}", messageId, Masking.text(String.valueOf(e)));
            }
            failures.route(message, attempt, failure);
        } finally {
            MDC.remove("conversionId");
        }
    }

    /** When the message entered the input queue: from the receiver, or back from its retry tier. */
    private Instant enteredInputAt(Message message, int previousAttempts) {
        Object failedAt = message.getMessageProperties().getHeader(FailureHeaders.LAST_FAILED_AT);
        if (failedAt != null && previousAttempts >= 1 && previousAttempts <= topology.retryDelays().size()) {
            try {
                return Instant.parse(failedAt.toString()).plus(topology.retryDelays().get(previousAttempts - 1));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Date timestamp = message.getMessageProperties().getTimestamp();
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The project's own count; a foreign or garbled header counts as none rather than failing the message. */
    static int previousAttempts(Message message) {
        Object value = message.getMessageProperties().getHeader(FailureHeaders.ATTEMPT);
        if (value instanceof Number number) {
            return Math.max(0, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(0, Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
