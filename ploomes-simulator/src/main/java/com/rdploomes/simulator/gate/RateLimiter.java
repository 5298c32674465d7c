package com.rdploomes.simulator.gate;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A sliding 60-second window per {@code User-Key}: a call is allowed when fewer than the limit
 * were allowed in the last 60 s. Refused calls do not count, so a client that keeps retrying is
 * let in again as soon as its oldest call leaves the window. Per key, because that is one of the
 * two readings of the real limit (ploomes-api.md §6) and it lets tests use separate keys.
 */
@Component
public class RateLimiter {

  static final long WINDOW_MILLIS = 60_000;

  private final Clock clock;
  private final Map<String, Deque<Long>> windows = new HashMap<>();

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  public synchronized boolean tryAcquire(String key, int perMinute) {
    if (perMinute <= 0) {
      return true;
    }
    long now = clock.millis();
    Deque<Long> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
      window.pollFirst();
    }
    if (window.size() >= perMinute) {
      return false;
    }
    window.addLast(now);
    return true;
  }

  public synchronized void clear() {
    windows.clear();
  }
}
