package com.rdploomes.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The RabbitMQ the integration tests use, found the way the README says: an explicitly configured
 * broker ({@code RABBITMQ_HOST}, {@code RABBITMQ_PORT}, {@code RABBITMQ_USERNAME}, {@code RABBITMQ_PASSWORD},
 * {@code RABBITMQ_VHOST}); else one listening on localhost:5672; else a Testcontainers broker when Docker
 * runs; else the tests fail with instructions. Tests never mock the broker.
 */
public record TestBroker(String host, int port, String username, String password, String virtualHost) {

    private static final String HOW_TO =
            "No RabbitMQ for the integration tests. Start one on localhost:5672 (guest/guest) with "
            + "'rabbitmq-server -detached' (or 'bash .ci/run', which installs and starts it), point the tests "
            + "at another with RABBITMQ_HOST/RABBITMQ_PORT/RABBITMQ_USERNAME/RABBITMQ_PASSWORD/RABBITMQ_VHOST, "
            + "or run a Docker engine so Testcontainers can start one.";

    private static final class Holder {
        // one broker per test JVM: starting a container for every test class would take minutes
        static final TestBroker INSTANCE = locate(System.getenv());
    }

    public static TestBroker get() {
        return Holder.INSTANCE;
    }

    /** Spring Boot properties that point an application at this broker. */
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.rabbitmq.host", host,
                "spring.rabbitmq.port", Integer.toString(port),
                "spring.rabbitmq.username", username,
                "spring.rabbitmq.password", password,
                "spring.rabbitmq.virtual-host", virtualHost);
    }

    /** A connection of the test's own, apart from the application's: the caller closes it with {@code destroy()}. */
    public CachingConnectionFactory connectionFactory() {
        CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        return factory;
    }

    /** Environment variables that point a service process at this broker. */
    public Map<String, String> environment() {
        return Map.of(
                "RABBITMQ_HOST", host,
                "RABBITMQ_PORT", Integer.toString(port),
                "RABBITMQ_USERNAME", username,
                "RABBITMQ_PASSWORD", password,
                "RABBITMQ_VHOST", virtualHost);
    }

    /** A topology whose names no other test run shares, so tests can run in parallel and twice in a row. */
    public static String uniquePrefix(String testName) {
        return "test." + testName + "." + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    static TestBroker locate(Map<String, String> env) {
        String host = env.get("RABBITMQ_HOST");
        if (host != null && !host.isBlank()) {
            return new TestBroker(host,
                    Integer.parseInt(env.getOrDefault("RABBITMQ_PORT", "5672")),
                    env.getOrDefault("RABBITMQ_USERNAME", "guest"),
                    env.getOrDefault("RABBITMQ_PASSWORD", "guest"),
                    env.getOrDefault("RABBITMQ_VHOST", "/"));
        }
        if (listening("127.0.0.1", 5672)) {
            return new TestBroker("127.0.0.1", 5672, "guest", "guest", "/");
        }
        if (dockerAvailable()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.10-management");
            container.start();
            return new TestBroker(container.getHost(), container.getAmqpPort(),
                    container.getAdminUsername(), container.getAdminPassword(), "/");
        }
        throw new IllegalStateException(HOW_TO);
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
