package com.rdploomes.worker.admin.deadletters;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

/**
 * Publishing that counts only when the broker confirmed the message and did not return it as unroutable: a
 * dead letter is acked (removed) only after its copy is known to be stored.
 */
final class ConfirmedChannel {

    private final Duration timeout;
    private final AtomicReference<String> returned = new AtomicReference<>();

    ConfirmedChannel(Duration timeout) {
        this.timeout = timeout;
    }

    void prepare(Channel channel) throws IOException {
        channel.confirmSelect();
        // the client calls this before it processes the ack that follows a return, so the check below sees it
        channel.addReturnListener(r -> returned.set(r.getReplyText() + " (" + r.getRoutingKey() + ")"));
    }

    void publish(Channel channel, String queue, AMQP.BasicProperties properties, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        returned.set(null);
        channel.basicPublish("", queue, true, properties, body);
        if (!channel.waitForConfirms(timeout.toMillis())) {
            throw new IOException("the broker refused the message for queue '" + queue + "' (negative confirm)");
        }
        String unroutable = returned.getAndSet(null);
        if (unroutable != null) {
            throw new IOException("queue '" + queue + "' did not take the message: " + unroutable);
        }
    }
}
