package com.rdploomes.worker.failure;

import java.time.Duration;
import java.util.UUID;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rdploomes.model.BrokerConfirm;

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
        BrokerConfirm confirm = BrokerConfirm.await(correlation, System.nanoTime() + timeout.toNanos());
        if (!confirm.confirmed()) {
            throw new UnconfirmedPublishException(confirm.detail() + " (" + describe(exchange, routingKey)
                    + ", waited at most " + timeout + ")", confirm.cause());
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
