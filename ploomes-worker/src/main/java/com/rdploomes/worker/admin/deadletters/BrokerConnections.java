package com.rdploomes.worker.admin.deadletters;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Opens the dedicated connection one dead-letter operation works on. Each operation gets its own: closing
 * it is what returns every message the operation still holds to the dead-letter queue, whatever went wrong.
 */
@FunctionalInterface
public interface BrokerConnections {

    Connection open(String purpose) throws IOException, TimeoutException;

    /** Connections named after the operation, so the management UI shows who holds messages. */
    static BrokerConnections of(ConnectionFactory factory) {
        return purpose -> factory.newConnection("rd-ploomes dead-letters " + purpose);
    }
}
