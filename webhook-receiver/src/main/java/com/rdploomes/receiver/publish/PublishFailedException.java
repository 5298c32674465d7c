package com.rdploomes.receiver.publish;

/**
 * RabbitMQ did not take every conversion of a request: it was unreachable, nacked, returned a message
 * as unroutable, or did not confirm in time. The conversions go to the spool, or the request is answered
 * 503 so that the sender retries.
 */
public class PublishFailedException extends Exception {

    private final boolean unroutable;

    public PublishFailedException(String message) {
        this(message, null, false);
    }

    public PublishFailedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private PublishFailedException(String message, Throwable cause, boolean unroutable) {
        super(message, cause);
        this.unroutable = unroutable;
    }

    /** The broker took the message but had no queue for it: the topology is missing and needs declaring again. */
    static PublishFailedException unroutable(String message) {
        return new PublishFailedException(message, null, true);
    }

    public boolean isUnroutable() {
        return unroutable;
    }
}
