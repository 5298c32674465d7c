package com.rdploomes.receiver.publish;

/**
 * RabbitMQ did not take every conversion of a request: it was unreachable, nacked, returned a message
 * as unroutable, or did not confirm in time. The request must be answered 5xx so that the sender retries.
 */
public class PublishFailedException extends Exception {

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
