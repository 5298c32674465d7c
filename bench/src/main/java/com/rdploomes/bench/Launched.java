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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service jar started for the benchmark, with its start-up time and resident memory. */
final class Launched implements AutoCloseable {

    /**
     * The JVM as the containers run it: the image's JAVA_TOOL_OPTIONS (deploy/Dockerfile), and as the memory the
     * JVM sizes itself by, each service's compose memory limit (docker-compose.yml); the bench's references get
     * the receiver's. On a 2-core box the JVM would pick the serial collector by itself only under 1792 MB, so it
     * is named. BENCH_JVM_OPTIONS replaces all of it.
     */
    static final String JVM_OPTIONS = System.getenv().getOrDefault("BENCH_JVM_OPTIONS",
            "-XX:MaxRAMPercentage=40 -XX:InitialRAMPercentage=40 -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=160m"
                    + " -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xss512k");

    /** The compose memory limits, which the JVM in a container reads as its RAM. */
    static final Map<String, String> MEMORY_LIMITS = Map.of("webhook-receiver", "384m", "ploomes-worker", "320m",
            "ploomes-simulator", "256m");

    /**
     * As in the containers: the image keeps glibc to two malloc arenas (per-thread arenas otherwise hold tens of MB
     * that Java freed), and the services log ECS JSON, which costs more CPU a line than the plain pattern.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** deploy/Dockerfile's LOG_FORMAT: Elastic's encoder where shared-model is on the class path, else Spring's. */
    static final Map<String, String> LOG_FORMATS = Map.of("webhook-receiver", "com.rdploomes.model.logs.EcsJsonLines",
            "ploomes-worker", "com.rdploomes.model.logs.EcsJsonLines");

    static Map<String, String> environment(String name) {
        Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
        environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", LOG_FORMATS.getOrDefault(name, "ecs"));
        return environment;
    }

    static List<String> jvmOptions(String name) {
        List<String> options = new java.util.ArrayList<>(List.of(JVM_OPTIONS.split("\\s+")));
        if (System.getenv("BENCH_JVM_OPTIONS") == null) {
            options.addFirst("-XX:MaxRAM=" + MEMORY_LIMITS.getOrDefault(name, MEMORY_LIMITS.get("webhook-receiver")));
        }
        return options;
    }

    /**
     * How the image starts a service (deploy/Dockerfile): from the jar extracted by Spring Boot's tools (the
     * application as service.jar beside lib/), with the JDK AOT cache a training run wrote until Spring's context
     * was refreshed. The training is done once per jar, before its first timed launch, and not counted.
     */
    static final String START_UP = "extracted jar with a JDK AOT cache trained first (-XX:AOTCacheOutput, "
            + "spring.context.exit=onRefresh; the training is not counted), as the image of deploy/Dockerfile runs";

    /** The services the image ships; other jars (the bench's references) start as plain jars. */
    private static final Set<String> IMAGE_SERVICES = Set.of("webhook-receiver", "ploomes-worker", "ploomes-simulator");

    /** The services trained by this run (each once, before its first launch). */
    private static final Set<String> TRAINED = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        command.add(java());
        command.addAll(jvmOptions(name));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (IMAGE_SERVICES.contains(name)) {
            Path app = trained(name, jar, env, logs);
            // the class path must read as it did in training ("service.jar" in the working directory); AOTMode=on
            // makes a cache the JVM cannot use fail the launch instead of measuring a start without it
            command.addAll(List.of("-XX:AOTCache=app.aot", "-XX:AOTMode=on", "-jar", "service.jar"));
            builder.directory(app.toFile());
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        builder.environment().putAll(environment(name));
        builder.environment().putAll(env);
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + healthPath);
        poll(http, health); // the poller's own first request (classes, connection set-up) is not the service's start-up
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            if (poll(http, health) == 200) {
                return new Launched(name, port, process, log, (System.nanoTime() - started) / 1e9);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not healthy within 120 s; see " + log);
    }

    /** The health answer's status, or 0 while nothing listens. */
    private static int poll(HttpClient http, URI health) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The jar extracted into logs/aot/NAME and its AOT cache app.aot, as the image's build makes them: the same
     * extraction, then a training run with the same JVM options that ends when Spring's context is refreshed
     * (no lifecycle starts: no port, broker or Ploomes call). Done once a run for each service, before its first
     * launch.
     */
    private static Path trained(String name, Path jar, Map<String, String> env, Path logs)
            throws IOException, InterruptedException {
        Path app = logs.resolve("aot").resolve(name);
        if (!TRAINED.add(name)) {
            return app;
        }
        Files.createDirectories(app);
        Files.deleteIfExists(app.resolve("app.aot"));
        Path log = logs.resolve(name + "-aot-training.log");
        Files.deleteIfExists(log);
        exec(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString(),
                "--application-filename", "service.jar", "--force"), null, Map.of(), log);
        List<String> training = new java.util.ArrayList<>();
        training.add(java());
        training.addAll(jvmOptions(name));
        training.addAll(List.of("-XX:AOTCacheOutput=app.aot", "-Dspring.context.exit=onRefresh", "-jar", "service.jar"));
        Map<String, String> trainingEnv = environment(name);
        trainingEnv.putAll(env);
        exec(training, app, trainingEnv, log);
        if (!Files.isRegularFile(app.resolve("app.aot"))) {
            throw new IllegalStateException(name + ": the AOT training run wrote no app.aot; see " + log);
        }
        return app;
    }

    private static void exec(List<String> command, Path directory, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out: " + String.join(" ", command) + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command) + "; see " + log);
        }
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
