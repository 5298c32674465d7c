package com.rdploomes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** docker-compose.yml holds the production rules without a Docker engine to try it. */
@SuppressWarnings("unchecked")
class ComposeFileTest {

    private final Map<String, Object> compose = DeploymentFiles.yaml("docker-compose.yml");
    private final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

    ComposeFileTest() throws IOException {
    }

    @Test
    void hasEveryService() {
        assertThat(services).containsOnlyKeys("rabbitmq", "webhook-receiver", "ploomes-worker", "ploomes-simulator",
                "prometheus", "grafana");
        assertThat((List<String>) services.get("ploomes-simulator").get("profiles")).containsExactly("sandbox");
        assertThat((List<String>) services.get("prometheus").get("profiles")).containsExactly("monitoring");
        assertThat((List<String>) services.get("grafana").get("profiles")).containsExactly("monitoring");
    }

    @Test
    void everyServiceHasAHealthcheckARestartPolicyLogRotationAndAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
            Map<String, Object> logging = (Map<String, Object>) service.get("logging");
            assertThat(logging).as(name + " logging").isNotNull();
            assertThat((Map<String, Object>) logging.get("options")).as(name).containsKeys("max-size", "max-file");
            assertThat(memoryLimitMb(service)).as(name + " memory limit").isPositive();
        });
    }

    @Test
    void theMemoryLimitsFitATwoGigabyteVps() {
        // production runs everything but the sandbox's simulator
        int production = services.entrySet().stream().filter(e -> !e.getKey().equals("ploomes-simulator"))
                .mapToInt(e -> memoryLimitMb(e.getValue())).sum();
        assertThat(production).isLessThanOrEqualTo(1800);
    }

    @Test
    void everySettingOfTheEnvFileReachesTheReceiverAndTheWorker() {
        // the README's configuration table holds for compose only if .env is passed whole, not variable by variable
        for (String name : new String[] {"webhook-receiver", "ploomes-worker"}) {
            assertThat(services.get(name).get("env_file")).as(name).isEqualTo(".env");
        }
    }

    @Test
    void dependenciesWaitForHealth() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name).isInstanceOf(Map.class);
                ((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, rule) ->
                        assertThat(rule.get("condition")).as(name + " → " + dependency).isEqualTo("service_healthy"));
            }
        });
    }

    @Test
    void onlyTheWebhookIsOpenToTheNetwork() {
        services.forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                if (name.equals("webhook-receiver")) {
                    assertThat(port.toString()).endsWith(":4100");
                } else {
                    assertThat(port.toString()).as(name + " port " + port).startsWith("127.0.0.1:");
                }
            }
        });
    }

    @Test
    void noDefaultCredentials() throws IOException {
        String text = DeploymentFiles.text("docker-compose.yml");
        assertThat(text).doesNotContainIgnoringCase("guest");
        assertThat(text).contains("${RABBITMQ_PASSWORD:?", "${WEBHOOK_TOKEN:?", "${GRAFANA_ADMIN_PASSWORD:?");
        Map<String, Object> rabbit = services.get("rabbitmq");
        assertThat(rabbit.get("image").toString()).startsWith("rabbitmq:").endsWith("-management");
        assertThat((List<String>) rabbit.get("volumes")).anySatisfy(v -> assertThat(v).startsWith("rabbitmq-data:"))
                .anySatisfy(v -> assertThat(v).startsWith("./deploy/rabbitmq/"));
    }

    @Test
    void theMountedFilesExist() {
        services.values().forEach(service -> {
            for (String volume : (List<String>) service.getOrDefault("volumes", List.of())) {
                if (volume.startsWith("./")) {
                    String path = volume.substring(2, volume.indexOf(':'));
                    assertThat(DeploymentFiles.root().resolve(path)).as(volume).exists();
                }
            }
        });
    }

    @Test
    void theImagesAreMultiStageNonRootWithAHealthcheckAndNoSecrets() throws IOException {
        String dockerfile = DeploymentFiles.text("deploy/Dockerfile");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("temurin-25"))
                .last().satisfies(l -> assertThat(l).contains("-jre"));
        assertThat(dockerfile).contains("USER rdploomes", "HEALTHCHECK", "MaxRAMPercentage", "extract --layers");
        // the AOT training run's placeholders are the only values of such names, and only in that RUN
        assertThat(dockerfile.replaceAll("(TOKEN|KEY)=aot-training\\b", "")).doesNotContain("TOKEN=", "KEY=", "PASSWORD=");
        assertThat(Files.exists(DeploymentFiles.root().resolve(".dockerignore"))).isTrue();
    }

    @Test
    void theImageTrainsAnAotCacheInTheRuntimeStageAndStartsWithIt() throws IOException {
        String dockerfile = DeploymentFiles.text("deploy/Dockerfile");
        List<String> lines = dockerfile.lines().toList();
        int runtimeStage = lastIndexOf(lines, "FROM ");
        int training = lastIndexOf(lines, "-XX:AOTCacheOutput=app.aot");
        // trained by the runtime image's JRE (a cache is only valid for the JVM that wrote it), after the last
        // layer it covers is copied, as root before the image switches to its user
        assertThat(training).isGreaterThan(runtimeStage).isGreaterThan(lastIndexOf(lines, "COPY --from=build"))
                .isLessThan(lastIndexOf(lines, "USER rdploomes"));
        assertThat(lines.get(training)).contains("-Dspring.context.exit=onRefresh", "-jar service.jar");
        // the cache only covers classes on the JVM's class path: the plain extracted jar, not JarLauncher's loader
        assertThat(dockerfile).contains("--application-filename service.jar").doesNotContain("--launcher", "JarLauncher");
        assertThat(lines.get(lastIndexOf(lines, "ENTRYPOINT")))
                .contains("\"-XX:AOTCache=app.aot\", \"-jar\", \"service.jar\"");
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("deploy/Dockerfile has no line with " + text);
    }

    private static int memoryLimitMb(Map<String, Object> service) {
        Map<String, Object> deploy = (Map<String, Object>) service.get("deploy");
        if (deploy == null) {
            return 0;
        }
        Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) deploy.get("resources")).get("limits");
        String memory = limits.get("memory").toString().toLowerCase();
        int value = Integer.parseInt(memory.replaceAll("[^0-9]", ""));
        return memory.endsWith("g") ? value * 1024 : value;
    }
}
