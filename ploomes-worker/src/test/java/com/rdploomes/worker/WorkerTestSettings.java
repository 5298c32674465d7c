package com.rdploomes.worker;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The Ploomes settings the worker's integration tests share: the fixture account's ids, a fast budget. */
public final class WorkerTestSettings {

    private WorkerTestSettings() {
    }

    /** A worker pointed at a fake or simulated Ploomes; a test adds its own settings after this call to override. */
    public static void ploomes(DynamicPropertyRegistry registry, Supplier<Object> url) {
        registry.add("ploomes.api-url", url);
        registry.add("ploomes.api-key", () -> "it-key");
        registry.add("ploomes.pipeline-id", () -> "40030343");
        registry.add("ploomes.stage-id", () -> "40303847");
        registry.add("ploomes.owner-id", () -> "120001");
        registry.add("ploomes.rate-limit-per-minute", () -> "6000");
        registry.add("ploomes.retry-initial-backoff", () -> "10ms");
    }
}
