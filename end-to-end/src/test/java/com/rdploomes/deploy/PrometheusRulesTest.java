package com.rdploomes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert rules pass promtool, and the dashboard is JSON Grafana can load. */
class PrometheusRulesTest {

    @Test
    void alertRulesPassPromtool() throws IOException, InterruptedException {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules",
                    DeploymentFiles.root().resolve("deploy/prometheus/alerts.yml").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool is missing: 'apt-get install prometheus' (bash .ci/run does it)", e);
        }
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void theAlertsCoverWhatOperatorsMustHear() throws IOException {
        String alerts = DeploymentFiles.text("deploy/prometheus/alerts.yml");
        assertThat(alerts).contains("alert: DeadLetterAppeared", "alert: OldestConversionTooOld",
                "alert: PloomesRefusesTheKey", "alert: SpoolNotEmpty", "alert: ProcessDown");
    }

    @Test
    void theDashboardIsValidAndUsesTheProvisionedDatasource() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DeploymentFiles.text("deploy/grafana/dashboards/rd-ploomes.json"));
        assertThat(dashboard.get("uid").asString()).isEqualTo("rd-ploomes");
        assertThat(dashboard.get("panels").size()).isGreaterThan(8);
        dashboard.get("panels").forEach(panel -> {
            if (!panel.get("type").asString().equals("row")) {
                assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("prometheus");
                assertThat(panel.get("targets").size()).as(panel.get("title").asString()).isPositive();
            }
        });
        assertThat(DeploymentFiles.text("deploy/grafana/provisioning/datasources/prometheus.yml")).contains("uid: prometheus");
    }
}
