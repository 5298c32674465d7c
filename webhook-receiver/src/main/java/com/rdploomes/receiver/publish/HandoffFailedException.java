package com.rdploomes.receiver.publish;

/** Neither RabbitMQ nor the spool took a request's conversions: it must be answered 503 so that RD sends it again. */
public class HandoffFailedException extends Exception {

    private final boolean spoolFull;

    HandoffFailedException(boolean spoolFull, String message, Throwable cause) {
        super(message, cause);
        this.spoolFull = spoolFull;
    }

    /** The spool was full (as opposed to disabled or failing): the operator's signal to look at the broker now. */
    public boolean spoolFull() {
        return spoolFull;
    }
}
