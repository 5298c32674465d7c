package com.rdploomes.worker.ploomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The one gate every Ploomes call of this process passes. The budget is handed out in twentieths: N/20
 * permits every 3 seconds. One conversion's few calls then go out at once instead of waiting 60/N seconds
 * each, while any 60-second window holds at most 21/20 of the budget (the default 100 stays under the
 * account's 120). When Ploomes answers 429, every caller waits until the pause is over, not only the call
 * that was refused.
 */
public class PloomesRateLimiter {

    private static final int CYCLES_PER_MINUTE = 20;

    private final RateLimiter permits;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    private final Timer waits;

    public PloomesRateLimiter(int callsPerMinute, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.waits = Timer.builder("rdploomes.ploomes.limiter.wait")
                .description("Time Ploomes calls waited for the rate limiter (its budget, or a 429 pause)")
                .register(meters);
        Gauge.builder("rdploomes.ploomes.limiter.pause", this, limiter -> limiter.remainingPause().toMillis() / 1000.0)
                .description("Seconds left of the pause a 429 imposed on every Ploomes call")
                .baseUnit("seconds")
                .register(meters);
        int perCycle = Math.max(1, callsPerMinute / CYCLES_PER_MINUTE);
        long periodNanos = TimeUnit.MINUTES.toNanos(1) * perCycle / callsPerMinute;
        this.permits = RateLimiter.of("ploomes", RateLimiterConfig.custom()
                .limitForPeriod(perCycle)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(Duration.ofMinutes(10))
                .build());
    }

    /** Blocks until a call may go out. */
    public void acquire() {
        long started = System.nanoTime();
        waitForPause();
        if (!permits.acquirePermission()) {
            throw new IllegalStateException("no Ploomes call permit within 10 minutes");
        }
        waitForPause();
        waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Ploomes said 429: hold every call of the process for this long. */
    public void pause(Duration wait) {
        Instant until = clock.instant().plus(wait);
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Duration remainingPause() {
        Duration left = Duration.between(clock.instant(), pausedUntil.get());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void waitForPause() {
        Duration left;
        while (!(left = remainingPause()).isZero()) {
            LockSupport.parkNanos(left.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while Ploomes is rate-limiting us");
            }
        }
    }
}
