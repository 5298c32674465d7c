package com.rdploomes.worker.admin.deadletters;

/** No connection to RabbitMQ: nothing was read or moved. */
public class BrokerUnavailableException extends IllegalStateException {

    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
