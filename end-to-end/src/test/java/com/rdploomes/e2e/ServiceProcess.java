package com.rdploomes.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the project's services, started from its built jar as the README runs it. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(String module, int port, Map<String, String> environment) throws IOException {
        return start(module, module, port, environment);
    }

    /** As {@link #start(String, int, Map)}, logging to {@code e2e-logs/<logName>.log}, so two runs of one module keep both logs. */
    public static ServiceProcess start(String module, String logName, int port, Map<String, String> environment)
            throws IOException {
        Path root = Path.of(System.getProperty("rdploomes.root", ".."));
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run './mvnw -B verify' from the project root, "
                    + "which packages every service before this test runs");
        }
        Path logs = root.resolve("end-to-end").resolve("target").resolve("e2e-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceProcess(module, port, builder.start(), log);
    }

    public ServiceProcess awaitHealthy(String healthPath) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url(healthPath)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() == 200 && answer.body().contains("UP");
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL (what {@code kill -9} or the OOM killer does): no shutdown hook, no graceful stop, no ack. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
