package com.rdploomes.worker.admin.deadletters;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Spaces replayed messages evenly, one every 60/N seconds: a replay of thousands then neither starves live
 * conversions in the input queue nor pushes the worker past the Ploomes budget in one burst.
 */
final class RateCap {

    /** How long one wait may block before the stop signal is looked at again. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final RateLimiter limiter;

    RateCap(int perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("the replay rate must be at least 1 a minute, not " + perMinute);
        }
        this.limiter = RateLimiter.of("dead-letter-replay", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Duration.ofMinutes(1).toNanos() / perMinute))
                .timeoutDuration(POLL)
                .build());
    }

    void acquire(StopSignal stop) throws StopSignal.Stopped {
        while (!limiter.acquirePermission()) {
            if (stop.stopped() || Thread.currentThread().isInterrupted()) {
                throw new StopSignal.Stopped();
            }
        }
    }
}
