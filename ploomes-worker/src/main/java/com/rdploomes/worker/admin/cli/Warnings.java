package com.rdploomes.worker.admin.cli;

import com.rdploomes.worker.admin.deadletters.DeadLetters;

final class Warnings {

    private Warnings() {
    }

    /** Reading hands every message back; on RabbitMQ 4.0-4.2 that counts towards a limit that then drops them. */
    static void deliveryLimit(CliContext context) {
        String version = context.deadLetters().brokerVersion();
        if (DeadLetters.readsCountTowardsDeliveryLimit(version)) {
            context.err().println("warning: RabbitMQ " + version + " counts each read of a dead letter towards the quorum queue's "
                    + "delivery limit (20 by default) and drops it beyond; lift it for the dead-letter queue: "
                    + "rabbitmqctl set_policy dead-letters-keep '^" + context.deadLetters().topology().deadLetterQueue().replace(".", "\\.")
                    + "$' '{\"delivery-limit\":-1}' --apply-to quorum_queues");
        }
    }
}
