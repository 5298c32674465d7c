package com.rdploomes.worker.admin.deadletters;

import java.util.Map;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The broker as the worker's environment names it (RABBITMQ_HOST, ...), with the worker's defaults, for the
 * command line, which runs without the Spring context that reads the same variables for the service.
 */
public record BrokerSettings(String host, int port, String username, String password, String virtualHost) {

    public static BrokerSettings fromEnvironment(Map<String, String> env) {
        return new BrokerSettings(
                value(env, "RABBITMQ_HOST", "localhost"),
                Integer.parseInt(value(env, "RABBITMQ_PORT", "5672")),
                value(env, "RABBITMQ_USERNAME", "guest"),
                value(env, "RABBITMQ_PASSWORD", "guest"),
                value(env, "RABBITMQ_VHOST", "/"));
    }

    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(10_000);
        // an operation that lost its connection must stop, not carry on with a recovered channel that forgot its deliveries
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    public String describe() {
        return username + "@" + host + ":" + port + (virtualHost.equals("/") ? "" : " vhost " + virtualHost);
    }

    @Override
    public String toString() {
        // records print every component; the password must never reach a log
        return "BrokerSettings[" + describe() + ", password=***]";
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
