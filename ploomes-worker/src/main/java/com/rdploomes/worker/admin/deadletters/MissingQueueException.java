package com.rdploomes.worker.admin.deadletters;

/** The queue an operation needs is not on the broker: usually a wrong TOPOLOGY_PREFIX or virtual host. */
public class MissingQueueException extends IllegalStateException {

    MissingQueueException(String queue, Throwable cause) {
        super("queue '" + queue + "' does not exist on the broker: check TOPOLOGY_PREFIX and RABBITMQ_VHOST, "
                + "or start the worker once so it declares its queues", cause);
    }
}
