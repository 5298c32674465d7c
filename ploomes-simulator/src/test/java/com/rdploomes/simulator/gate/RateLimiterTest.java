package com.rdploomes.simulator.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-10-20T14:00:00Z"));
  private final RateLimiter limiter = new RateLimiter(clock);

  @Test
  void allowsTheLimitPerMinuteThenRefuses() {
    assertThat(limiter.tryAcquire("k", 3)).isTrue();
    assertThat(limiter.tryAcquire("k", 3)).isTrue();
    assertThat(limiter.tryAcquire("k", 3)).isTrue();
    assertThat(limiter.tryAcquire("k", 3)).isFalse();
  }

  @Test
  void eachKeyHasItsOwnWindow() {
    assertThat(limiter.tryAcquire("a", 1)).isTrue();
    assertThat(limiter.tryAcquire("a", 1)).isFalse();
    assertThat(limiter.tryAcquire("b", 1)).isTrue();
  }

  @Test
  void theWindowSlides() {
    limiter.tryAcquire("k", 2);
    clock.advance(Duration.ofSeconds(30));
    limiter.tryAcquire("k", 2);
    assertThat(limiter.tryAcquire("k", 2)).isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(limiter.tryAcquire("k", 2)).as("first call still inside the 60 s window").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("k", 2)).as("first call left the window").isTrue();
    assertThat(limiter.tryAcquire("k", 2)).isFalse();
  }

  @Test
  void refusedCallsDoNotCount() {
    limiter.tryAcquire("k", 1);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      assertThat(limiter.tryAcquire("k", 1)).isFalse();
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.tryAcquire("k", 1)).isTrue();
  }

  @Test
  void zeroMeansNoLimit() {
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("k", 0)).isTrue();
    }
  }

  @Test
  void clearForgetsEveryWindow() {
    limiter.tryAcquire("k", 1);
    limiter.clear();
    assertThat(limiter.tryAcquire("k", 1)).isTrue();
  }
}
