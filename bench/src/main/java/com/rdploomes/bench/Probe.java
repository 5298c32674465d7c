package com.rdploomes.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One fixed-rate measurement against one endpoint, for looking into a figure of the benchmark:
 * {@code java -cp bench.jar ... Probe <url> <rate> <seconds> <body-file> [token]}.
 */
public final class Probe {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        String token = args.length > 4 ? args[4] : "";
        FixedRateLoad.Result result = new FixedRateLoad().run(uri, rate, Duration.ofSeconds(seconds), i -> body, token);
        System.out.printf("%s %d/s: %s; %d ok, %d failed; generator %.3f ms CPU a request%n", uri, rate,
                Percentiles.ofNanos(result.latenciesNanos()).text(), result.ok(), result.failed(),
                result.generatorCpuMsPerRequest());
    }
}
