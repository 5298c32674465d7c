package com.rdploomes.worker.ploomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PloomesRateLimiterTest {

    @Test
    void permitsAreSpreadOverTheMinute() {
        PloomesRateLimiter limiter = new PloomesRateLimiter(600, Clock.systemUTC()); // one per 100 ms
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            limiter.acquire();
        }
        // the first permit is immediate, the next five each wait for their 100 ms slot
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aPauseHoldsEveryCallerAndOnlyEverGrows() {
        PloomesRateLimiter limiter = new PloomesRateLimiter(6000, Clock.systemUTC());
        limiter.pause(Duration.ofMillis(300));
        limiter.pause(Duration.ofMillis(10)); // a shorter pause must not shorten the longer one
        assertThat(limiter.remainingPause()).isGreaterThan(Duration.ofMillis(200));
        long started = System.nanoTime();
        limiter.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(limiter.remainingPause()).isZero();
    }
}
