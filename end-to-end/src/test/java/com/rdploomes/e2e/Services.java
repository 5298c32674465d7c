package com.rdploomes.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the three services from their jars with the settings the reliability tests share: one topology
 * prefix, the fixture account's pipeline and stage, short retry tiers.
 */
final class Services {

    static final String PLOOMES_KEY = "e2e-ploomes-key";
    static final String WEBHOOK_TOKEN = "e2e-token";

    private Services() {
    }

    /** Environment every service gets: the broker (directly, or a proxy's), the prefix, the retry tiers. */
    static Map<String, String> common(Map<String, String> broker, String prefix, String retryDelays) {
        Map<String, String> common = new HashMap<>(broker);
        common.put("TOPOLOGY_PREFIX", prefix);
        common.put("RETRY_DELAYS", retryDelays);
        return common;
    }

    static ServiceProcess simulator(Map<String, String> common) throws IOException {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(common);
        env.put("SIMULATOR_PORT", Integer.toString(port));
        return ServiceProcess.start("ploomes-simulator", port, env).awaitHealthy("/actuator/health");
    }

    /** A worker against the simulator; {@code extra} overrides any of its settings. */
    static ServiceProcess worker(String logName, Map<String, String> common, URI simulator, Map<String, String> extra)
            throws IOException {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(common);
        env.put("MANAGEMENT_PORT", Integer.toString(port));
        env.put("PLOOMES_API_URL", simulator.toString());
        env.put("PLOOMES_API_KEY", PLOOMES_KEY);
        env.put("PLOOMES_PIPELINE_ID", "40030343");
        env.put("PLOOMES_STAGE_ID", "40303847");
        env.put("PLOOMES_OWNER_ID", "120001");
        env.put("PLOOMES_RETRY_INITIAL_BACKOFF", "100ms");
        env.putAll(extra);
        return ServiceProcess.start("ploomes-worker", logName, port, env).awaitHealthy("/actuator/health");
    }

    /** A receiver with its own spool directory; {@code extra} overrides any of its settings. */
    static ServiceProcess receiver(String logName, Map<String, String> common, Path spool, Map<String, String> extra)
            throws IOException {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(common);
        env.put("PORT", Integer.toString(port));
        env.put("WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        env.put("SPOOL_DIR", spool.toString());
        env.put("SPOOL_DRAIN_INTERVAL", "500ms");
        env.put("RABBITMQ_CONNECTION_TIMEOUT", "2s");
        env.putAll(extra);
        return ServiceProcess.start("webhook-receiver", logName, port, env).awaitHealthy("/actuator/health");
    }

    static URI base(ServiceProcess service) {
        return service.url("/");
    }
}
