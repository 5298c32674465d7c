package com.rdploomes.receiver.health;

import java.time.Duration;
import java.time.Instant;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import com.rdploomes.receiver.publish.Spool;

/**
 * The receiver's health, shown as {@code components.spool} (the bean name less "HealthIndicator"): UP while
 * it can accept conversions, that is while RabbitMQ is reachable or the spool has room. A broker outage alone keeps it UP (conversions go to the spool,
 * and restarting the receiver would not bring the broker back); it is OUT_OF_SERVICE (HTTP 503) only when the
 * broker is down and the spool is full or disabled, since then every webhook is answered 503.
 *
 * <p>Spring Boot's own RabbitMQ indicator is switched off ({@code management.health.rabbit.enabled=false}):
 * it would turn the whole receiver DOWN during an outage the spool absorbs.
 */
@Component
class SpoolHealthIndicator implements HealthIndicator {

    private final Spool spool;
    private final ConnectionFactory connections;

    SpoolHealthIndicator(Spool spool, ConnectionFactory connections) {
        this.spool = spool;
        this.connections = connections;
    }

    @Override
    public Health health() {
        boolean brokerReachable = brokerReachable();
        Health.Builder health = brokerReachable || spool.hasRoom() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        health.withDetail("broker", brokerReachable ? "reachable" : "unreachable")
                .withDetail("enabled", spool.enabled())
                .withDetail("depth", spool.depth())
                .withDetail("files", spool.files())
                .withDetail("bytes", spool.bytes())
                .withDetail("maxBytes", spool.maxBytes())
                .withDetail("corruptFilesMovedAside", spool.quarantined());
        spool.oldest().ifPresent(oldest ->
                health.withDetail("oldestAgeSeconds", Duration.between(oldest, Instant.now()).toSeconds()));
        return health.build();
    }

    private boolean brokerReachable() {
        // the caching factory hands back its open connection, or tries to open one (bounded by the connection timeout)
        try {
            Connection connection = connections.createConnection();
            return connection.isOpen();
        } catch (AmqpException e) {
            return false;
        }
    }
}
