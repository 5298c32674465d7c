package com.rdploomes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rdploomes.e2e.BrokerQueues;
import com.rdploomes.e2e.ServiceProcess;
import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.json.JsonMapper;

/**
 * Starts Prometheus (Debian's package) against the running receiver, worker and RabbitMQ, drives a little
 * traffic through every path the dashboards show (accepted, refused, retried, dead-lettered), and checks that
 * every metric the dashboards and alert rules use exists and has data.
 */
class DashboardMetricsIT {

    private static final String TOKEN = "metrics-token";
    private static final String KEY = "metrics-key";
    private static final String PREFIX = TestBroker.uniquePrefix("metrics");
    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess simulator;
    private static ServiceProcess receiver;
    private static Process prometheus;
    private static int prometheusPort;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        TestBroker broker = TestBroker.get();
        Map<String, String> common = new HashMap<>(broker.environment());
        common.put("TOPOLOGY_PREFIX", PREFIX);
        common.put("RETRY_DELAYS", "1s");
        work = Files.createTempDirectory("rd-ploomes-metrics");

        int simulatorPort = ServiceProcess.freePort();
        Map<String, String> simulatorEnv = new HashMap<>(common);
        simulatorEnv.put("SIMULATOR_PORT", Integer.toString(simulatorPort));
        simulator = track(ServiceProcess.start("ploomes-simulator", simulatorPort, simulatorEnv));

        int workerPort = ServiceProcess.freePort();
        Map<String, String> workerEnv = new HashMap<>(common);
        workerEnv.put("MANAGEMENT_PORT", Integer.toString(workerPort));
        workerEnv.put("PLOOMES_API_URL", "http://127.0.0.1:" + simulatorPort);
        workerEnv.put("PLOOMES_API_KEY", KEY);
        workerEnv.put("PLOOMES_PIPELINE_ID", "40030343");
        workerEnv.put("PLOOMES_STAGE_ID", "40303847");
        workerEnv.put("PLOOMES_OWNER_ID", "120001");
        workerEnv.put("PLOOMES_RETRY_INITIAL_BACKOFF", "10ms");
        workerEnv.put("DEAD_LETTER_SURVEY_INTERVAL", "2s");
        workerEnv.put("RD_PLOOMES_QUEUE_AGES_INTERVAL", "2s");
        ServiceProcess worker = track(ServiceProcess.start("ploomes-worker", workerPort, workerEnv));

        int receiverPort = ServiceProcess.freePort();
        Map<String, String> receiverEnv = new HashMap<>(common);
        receiverEnv.put("PORT", Integer.toString(receiverPort));
        receiverEnv.put("WEBHOOK_TOKEN", TOKEN);
        receiverEnv.put("SPOOL_DIR", work.resolve("spool").toString());
        receiver = track(ServiceProcess.start("webhook-receiver", receiverPort, receiverEnv));

        simulator.awaitHealthy("/actuator/health");
        worker.awaitHealthy("/actuator/health");
        receiver.awaitHealthy("/actuator/health");

        prometheusPort = ServiceProcess.freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: webhook-receiver
                    metrics_path: /actuator/prometheus
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                  - job_name: ploomes-worker
                    metrics_path: /actuator/prometheus
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                  - job_name: rabbitmq
                    metrics_path: /metrics/per-object
                    static_configs: [{targets: ["%s:15692"]}]
                """.formatted(DeploymentFiles.root().resolve("deploy/prometheus/alerts.yml").toAbsolutePath(),
                receiverPort, workerPort, broker.host()));
        try {
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("prometheus is missing: 'apt-get install prometheus' (bash .ci/run does it)", e);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> get(URI.create("http://127.0.0.1:" + prometheusPort + "/-/ready")) == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
        for (ServiceProcess service : SERVICES.reversed()) {
            service.close();
        }
        try (BrokerQueues queues = new BrokerQueues(new Topology(PREFIX, DELAYS, 20))) {
            queues.deleteTopology();
        }
    }

    @Test
    void everyMetricTheDashboardsAndAlertsUseHasData() throws Exception {
        // a conversion that goes through, one refused request, one retried and one dead-lettered conversion
        fault("{\"method\":\"POST\",\"path\":\"/Deals\",\"status\":400,\"body\":\"{\\\"error\\\":{\\\"message\\\":\\\"no\\\"}}\",\"times\":1}");
        webhook("{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"dead.letter@example.com\",\"name\":\"Dead Letter\"}}", TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> prometheusHas("rdploomes_worker_dead_lettered_total"));
        fault("{\"method\":\"GET\",\"path\":\"/Contacts\",\"status\":503,\"times\":3}");
        webhook("{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"retried@example.com\",\"name\":\"Retried\"}}", TOKEN);
        webhook("{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"ok@example.com\",\"name\":\"Ok\"}}", TOKEN);
        webhook("{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"refused@example.com\"}}", "wrong-token");

        Set<String> used = DeploymentFiles.metricsUsed();
        assertThat(used).isNotEmpty();
        Set<String> missing = new TreeSet<>(used);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            missing.removeIf(DashboardMetricsIT::prometheusHas);
            return missing.isEmpty();
        });
        assertThat(missing).as("metrics the dashboards or alerts use that no service exposes").isEmpty();
    }

    private static boolean prometheusHas(String metric) {
        try {
            String query = URLEncoder.encode("count(" + metric + ")", StandardCharsets.UTF_8);
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonMapper.builder().build().readTree(answer.body()).path("data").path("result").size() > 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void webhook(String body, String token) throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                .header("Content-Type", "application/json").header("X-Webhook-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void fault(String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(simulator.url("/_simulator/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static int get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static ServiceProcess track(ServiceProcess service) {
        SERVICES.add(service);
        return service;
    }
}
