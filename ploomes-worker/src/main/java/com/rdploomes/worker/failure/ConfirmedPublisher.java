package com.rdploomes.worker.failure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes and waits until the broker has confirmed the message and not returned it as unroutable.
 * The worker acks a message it moves (to a retry tier or the DLQ) only after this returns, so a move
 * never loses the message; at worst the broker holds it twice.
 */
class ConfirmedPublisher {

    private final RabbitTemplate rabbit;
    private final Duration timeout;

    ConfirmedPublisher(RabbitTemplate rabbit, Duration timeout) {
        this.rabbit = rabbit;
        this.timeout = timeout;
    }

    void publish(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send(exchange, routingKey, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnconfirmedPublishException("interrupted waiting for the broker's confirm", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnconfirmedPublishException("no confirm from the broker within " + timeout + " for "
                    + describe(exchange, routingKey), e);
        }
        if (!confirm.ack()) {
            throw new UnconfirmedPublishException("broker refused " + describe(exchange, routingKey) + ": " + confirm.reason(), null);
        }
        if (correlation.getReturned() != null) {
            throw new UnconfirmedPublishException("unroutable: " + describe(exchange, routingKey) + " ("
                    + correlation.getReturned().getReplyText() + ")", null);
        }
    }

    private static String describe(String exchange, String routingKey) {
        return "exchange '" + exchange + "' routing key '" + routingKey + "'";
    }

    static class UnconfirmedPublishException extends AmqpException {
        UnconfirmedPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
