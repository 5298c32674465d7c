package com.rdploomes.worker.queues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How long the oldest message of each queue has waited there, for the dashboards and the "conversions are
 * stuck" alert; RabbitMQ's own metrics give depths, not ages.
 *
 * <p>Retry tiers and the DLQ are peeked: the head message is fetched without ack and returned at once, and its
 * age counts from {@code x-last-failed-at}, when the worker moved it there. Those queues have no delivery limit,
 * so the peek costs nothing. The input queue is never peeked, because every return would count toward its
 * delivery limit; its age is that of the message the listener took last, or zero when the queue is empty.
 */
public class QueueAges {

    private static final Logger log = LoggerFactory.getLogger(QueueAges.class);

    private final RabbitTemplate rabbit;
    private final Topology topology;
    private final Clock clock;
    private final Map<String, Double> ages = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastTakenEnqueuedAt = new AtomicReference<>();

    public QueueAges(RabbitTemplate rabbit, Topology topology, Clock clock, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.clock = clock;
        for (String queue : topology.allQueues()) {
            ages.put(queue, 0.0);
            Gauge.builder("rdploomes.queue.oldest.message.age", ages, a -> a.getOrDefault(queue, 0.0))
                    .description("Seconds the oldest message of the queue has waited there")
                    .baseUnit("seconds")
                    .tag("queue", queue)
                    .register(meters);
        }
    }

    /** The listener took a message that entered the input queue at this moment. */
    public void taken(Instant enqueuedAt) {
        if (enqueuedAt != null) {
            lastTakenEnqueuedAt.set(enqueuedAt);
        }
    }

    @Scheduled(fixedDelayString = "${rd-ploomes.queue-ages.interval:15s}", initialDelayString = "${rd-ploomes.queue-ages.interval:15s}")
    public void refresh() {
        try {
            Instant now = clock.instant();
            ages.put(topology.inputQueue(), inputAge(now));
            for (String queue : topology.retryQueues()) {
                ages.put(queue, peekAge(queue, now));
            }
            ages.put(topology.deadLetterQueue(), peekAge(topology.deadLetterQueue(), now));
        } catch (AmqpException e) {
            log.debug("queue ages not refreshed: {}", e.getMessage()); // the broker is away; health says so
        }
    }

    private double inputAge(Instant now) {
        AMQP.Queue.DeclareOk queue = rabbit.execute(channel -> channel.queueDeclarePassive(topology.inputQueue()));
        Instant taken = lastTakenEnqueuedAt.get();
        if (queue == null || queue.getMessageCount() == 0 || taken == null) {
            return 0.0;
        }
        return seconds(taken, now);
    }

    private double peekAge(String queue, Instant now) {
        return rabbit.execute(channel -> {
            GetResponse head = channel.basicGet(queue, false);
            if (head == null) {
                return 0.0;
            }
            channel.basicReject(head.getEnvelope().getDeliveryTag(), true);
            Object failedAt = head.getProps().getHeaders() == null ? null
                    : head.getProps().getHeaders().get(FailureHeaders.LAST_FAILED_AT);
            Instant since = parse(failedAt);
            if (since == null && head.getProps().getTimestamp() != null) {
                since = head.getProps().getTimestamp().toInstant();
            }
            return since == null ? 0.0 : seconds(since, now);
        });
    }

    private static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double seconds(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
    }
}
