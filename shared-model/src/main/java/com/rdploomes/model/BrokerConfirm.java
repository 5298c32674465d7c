package com.rdploomes.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;

/**
 * What RabbitMQ said about one publish made with correlated confirms and mandatory routing. Both services
 * treat anything but {@link Outcome#CONFIRMED} as a failure: a nack, a message returned as unroutable, or no
 * answer in time is never a silent success.
 *
 * @param detail for a failure, what happened, in words for a log or an error answer
 */
public record BrokerConfirm(Outcome outcome, String detail, Throwable cause) {

    public enum Outcome { CONFIRMED, NACKED, UNROUTABLE, TIMED_OUT, FAILED }

    public boolean confirmed() {
        return outcome == Outcome.CONFIRMED;
    }

    /** Waits for the broker's answer to the publish behind {@code correlation} until {@code deadlineNanos} (System.nanoTime). */
    public static BrokerConfirm await(CorrelationData correlation, long deadlineNanos) {
        CorrelationData.Confirm confirm;
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            confirm = correlation.getFuture().get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new BrokerConfirm(Outcome.TIMED_OUT, "RabbitMQ did not confirm in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BrokerConfirm(Outcome.FAILED, "interrupted while waiting for RabbitMQ's confirm", e);
        } catch (ExecutionException e) {
            return new BrokerConfirm(Outcome.FAILED, "RabbitMQ's confirm failed", e.getCause());
        }
        if (!confirm.ack()) {
            return new BrokerConfirm(Outcome.NACKED, "RabbitMQ refused the message (nack"
                    + (confirm.reason() == null ? "" : ": " + confirm.reason()) + ")", null);
        }
        // a mandatory message's return always arrives before its ack, so it is set here when there is one
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            return new BrokerConfirm(Outcome.UNROUTABLE, "RabbitMQ could not route the message to a queue ("
                    + returned.getReplyCode() + " " + returned.getReplyText() + ", exchange '" + returned.getExchange()
                    + "', routing key '" + returned.getRoutingKey() + "')", null);
        }
        return new BrokerConfirm(Outcome.CONFIRMED, null, null);
    }
}
