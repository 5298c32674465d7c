package com.rdploomes.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service jar started for the benchmark, with its start-up time and resident memory. */
final class Launched implements AutoCloseable {

    /**
     * The JVM as the containers run it: the image's options and the compose memory limit (320 MB), which on
     * a 2-core, small-memory box also makes the JVM pick the serial collector. BENCH_JVM_OPTIONS overrides.
     */
    static final String JVM_OPTIONS = System.getenv().getOrDefault("BENCH_JVM_OPTIONS",
            "-XX:MaxRAM=320m -XX:MaxRAMPercentage=60 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError");

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

    final String name;
    final int port;
    final Process process;
    final Path log;
    final double secondsToHealthy;

    private Launched(String name, int port, Process process, Path log, double secondsToHealthy) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.secondsToHealthy = secondsToHealthy;
    }

    static Launched start(String name, Path jar, int port, String healthPath, Map<String, String> env, Path logs)
            throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JVM_OPTIONS.split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + healthPath)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return new Launched(name, port, process, log, (System.nanoTime() - started) / 1e9);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not healthy within 120 s; see " + log);
    }

    /** Spring Boot's own figure: "Started X in Y seconds". */
    double springStartSeconds() throws IOException {
        Matcher matcher = STARTED.matcher(Files.readString(log));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
