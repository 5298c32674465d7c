package com.rdploomes.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate whatever earlier requests do, and its
 * latency counts from when it was due, so a slow server cannot hide its queueing (no coordinated omission).
 */
final class FixedRateLoad {

    record Result(int rate, int sent, int ok, int failed, List<Long> latenciesNanos, double seconds) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Result run(URI uri, int rate, Duration duration, IntFunction<byte[]> body, String token) {
        int total = (int) (rate * duration.toMillis() / 1000);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                byte[] payload = body.apply(i);
                threads.submit(() -> {
                    try {
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("X-Webhook-Token", token)
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - due);
                        (answer.statusCode() / 100 == 2 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(rate, total, ok.get(), failed.get(), List.copyOf(latencies), seconds);
    }
}
