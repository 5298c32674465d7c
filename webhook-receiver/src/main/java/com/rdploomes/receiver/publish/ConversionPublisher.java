package com.rdploomes.receiver.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import com.rdploomes.model.BrokerConfirm;
import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.Topology;

/**
 * Publishes conversions and answers only once RabbitMQ has confirmed every one of them: a conversion is
 * accepted when the broker has it on disk, never before. The connection factory runs with correlated
 * publisher confirms and returns, and the template publishes mandatory, so an unroutable message comes
 * back instead of vanishing.
 */
@Component
public class ConversionPublisher {

    static final String CONTENT_ENCODING = "utf-8";
    static final String APP_ID = "webhook-receiver";

    private final RabbitTemplate rabbit;
    private final Topology topology;
    private final ConversionCodec codec;
    private final Duration confirmTimeout;

    ConversionPublisher(RabbitTemplate rabbit, Topology topology, ConversionCodec codec, PublishProperties properties) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.codec = codec;
        this.confirmTimeout = properties.confirmTimeout();
    }

    /**
     * Publishes all, then waits for all confirms within one shared deadline (one slow confirm must not
     * multiply the wait by the number of leads).
     *
     * @throws PublishFailedException when any conversion is not confirmed; some others may have been,
     *         which is safe: the sender retries and the worker recognises the repeated conversion ids
     */
    public void publish(List<Conversion> conversions) throws PublishFailedException {
        List<CorrelationData> pending = new ArrayList<>(conversions.size());
        try {
            for (Conversion conversion : conversions) {
                // unique per publish, not the conversion id: two requests for one conversion may be in flight
                CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
                rabbit.send(topology.exchange(), Topology.ROUTING_KEY, message(conversion), correlation);
                pending.add(correlation);
            }
        } catch (AmqpException e) {
            throw new PublishFailedException("RabbitMQ is unreachable (" + e.getClass().getSimpleName() + ")", e);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (CorrelationData correlation : pending) {
            awaitConfirm(correlation, deadline);
        }
    }

    private void awaitConfirm(CorrelationData correlation, long deadline) throws PublishFailedException {
        BrokerConfirm confirm = BrokerConfirm.await(correlation, deadline);
        switch (confirm.outcome()) {
            case CONFIRMED -> { }
            case UNROUTABLE -> throw PublishFailedException.unroutable(confirm.detail());
            case TIMED_OUT -> throw new PublishFailedException("RabbitMQ did not confirm within " + confirmTimeout, confirm.cause());
            default -> throw new PublishFailedException(confirm.detail(), confirm.cause());
        }
    }

    private Message message(Conversion conversion) {
        return MessageBuilder.withBody(codec.encode(conversion))
                .setMessageId(conversion.id())
                .setContentType(ConversionCodec.CONTENT_TYPE)
                .setContentEncoding(CONTENT_ENCODING)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(ConversionCodec.SCHEMA_HEADER, Conversion.SCHEMA_VERSION)
                .setTimestamp(Date.from(conversion.receivedAt()))
                .setAppId(APP_ID)
                .build();
    }
}
