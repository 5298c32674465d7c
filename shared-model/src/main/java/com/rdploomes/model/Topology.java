package com.rdploomes.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The RabbitMQ names and declarations both processes use. Declaring is idempotent: RabbitMQ accepts a
 * redeclaration with the same arguments, so whichever process starts first creates them.
 *
 * <p>Every queue is a quorum queue (replicated, durable). Dead-lettering is at-least-once, so a message
 * moving between queues is never dropped on the way. The input queue dead-letters to the DLQ itself
 * after {@code deliveryLimit} redeliveries: a safety net for a message that crashes the worker
 * before it can be classified.
 *
 * @param prefix prepended to every name; empty in production, unique per test run in tests
 * @param retryDelays the delayed retry tiers, shortest first
 * @param deliveryLimit redeliveries of one message before the broker parks it in the DLQ
 */
public record Topology(String prefix, List<Duration> retryDelays, int deliveryLimit) {

    public static final String ROUTING_KEY = "conversion";
    public static final List<Duration> DEFAULT_RETRY_DELAYS =
            List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));
    public static final int DEFAULT_DELIVERY_LIMIT = 20;
    /**
     * The delivery limit of the queues nobody consumes from (the DLQ, the retry tiers). Operators' tools read
     * dead letters and hand them back, which counts as a delivery; RabbitMQ 4 gives every quorum queue a limit
     * of 20 unless one is set, and would then drop a dead letter that was merely looked at 20 times.
     */
    static final int UNLIMITED = Integer.MAX_VALUE;

    public Topology {
        prefix = prefix == null ? "" : prefix;
        retryDelays = List.copyOf(Objects.requireNonNull(retryDelays, "retryDelays"));
        if (retryDelays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive: " + retryDelays);
        }
        if (deliveryLimit < 1) {
            throw new IllegalArgumentException("delivery limit must be at least 1: " + deliveryLimit);
        }
    }

    public static Topology defaults() {
        return new Topology("", DEFAULT_RETRY_DELAYS, DEFAULT_DELIVERY_LIMIT);
    }

    public String exchange() {
        return prefix + "rd.conversions";
    }

    public String inputQueue() {
        return prefix + "ploomes.conversions";
    }

    public String deadLetterQueue() {
        return prefix + "ploomes.conversions.dlq";
    }

    /** The tier queue for the n-th retry (0-based); messages wait there for its delay, then return to the input. */
    public String retryQueue(int tier) {
        return prefix + "ploomes.conversions.retry." + label(retryDelays.get(tier));
    }

    public List<String> retryQueues() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < retryDelays.size(); i++) {
            names.add(retryQueue(i));
        }
        return names;
    }

    public List<String> allQueues() {
        List<String> names = new ArrayList<>(List.of(inputQueue(), deadLetterQueue()));
        names.addAll(retryQueues());
        return names;
    }

    public Declarables declarables() {
        List<Declarable> all = new ArrayList<>();
        DirectExchange exchange = ExchangeBuilder.directExchange(exchange()).durable(true).build();
        Queue input = quorum(inputQueue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetterQueue())
                .deliveryLimit(deliveryLimit)
                .build();
        Binding binding = BindingBuilder.bind(input).to(exchange).with(ROUTING_KEY);
        all.add(exchange);
        all.add(input);
        all.add(binding);
        all.add(QueueBuilder.durable(deadLetterQueue()).quorum().deliveryLimit(UNLIMITED).build());
        for (int i = 0; i < retryDelays.size(); i++) {
            all.add(quorum(retryQueue(i))
                    .ttl(Math.toIntExact(retryDelays.get(i).toMillis()))
                    .deliveryLimit(UNLIMITED)
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(inputQueue())
                    .build());
        }
        return new Declarables(all);
    }

    private static QueueBuilder quorum(String name) {
        // at-least-once dead-lettering needs reject-publish overflow; without it the broker falls back to at-most-once
        return QueueBuilder.durable(name).quorum()
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish);
    }

    static String label(Duration delay) {
        long seconds = delay.toSeconds();
        if (delay.toMillis() % 1000 != 0) {
            return delay.toMillis() + "ms";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
