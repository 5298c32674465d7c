package com.rdploomes.worker.ploomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PloomesRateLimiterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aFewCallsGoAtOnceButTheBudgetHolds() {
        PloomesRateLimiter limiter = new PloomesRateLimiter(1200, Clock.systemUTC(), meters); // 60 permits every 3 s
        long started = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            limiter.acquire();
        }
        // one conversion's calls must not wait for each other
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        limiter.acquire(); // the 61st waits for the next cycle
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
    }

    @Test
    void aSmallBudgetStillGetsOnePermitPerCycle() {
        PloomesRateLimiter limiter = new PloomesRateLimiter(10, Clock.systemUTC(), meters); // one every 6 s
        long started = System.nanoTime();
        limiter.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aPauseHoldsEveryCallerAndOnlyEverGrows() {
        PloomesRateLimiter limiter = new PloomesRateLimiter(6000, Clock.systemUTC(), meters);
        limiter.pause(Duration.ofMillis(300));
        limiter.pause(Duration.ofMillis(10)); // a shorter pause must not shorten the longer one
        assertThat(limiter.remainingPause()).isGreaterThan(Duration.ofMillis(200));
        long started = System.nanoTime();
        limiter.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(limiter.remainingPause()).isZero();
        assertThat(meters.get("rdploomes.ploomes.limiter.wait").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(200);
        assertThat(meters.get("rdploomes.ploomes.limiter.pause").gauge().value()).isZero();
    }
}
