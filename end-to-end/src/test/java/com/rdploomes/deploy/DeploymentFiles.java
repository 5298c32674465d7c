package com.rdploomes.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/** The deployment files as the checks read them. */
final class DeploymentFiles {

    private static final Pattern METRIC = Pattern.compile("\\b((?:rdploomes|rabbitmq|jvm|process|http_server)_[a-z0-9_]+)");

    private DeploymentFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("rdploomes.root", ".."));
    }

    static Map<String, Object> yaml(String relative) throws IOException {
        return new Yaml().load(Files.readString(root().resolve(relative)));
    }

    static String text(String relative) throws IOException {
        return Files.readString(root().resolve(relative));
    }

    /**
     * Every metric the dashboards and alert rules use, without the suffixes Prometheus adds to a histogram or
     * summary (_bucket, _count, _sum), which exist whenever the base metric does.
     */
    static Set<String> metricsUsed() throws IOException {
        Set<String> metrics = new TreeSet<>();
        for (String file : new String[] {"deploy/grafana/dashboards/rd-ploomes.json", "deploy/prometheus/alerts.yml"}) {
            Matcher matcher = METRIC.matcher(text(file));
            while (matcher.find()) {
                metrics.add(matcher.group(1));
            }
        }
        return metrics;
    }
}
