package com.rdploomes.simulator.gate;

import static com.rdploomes.simulator.error.SimulatorException.badRequest;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

@Component
public class SettingsHolder {

  private final AtomicReference<Settings> current = new AtomicReference<>(Settings.DEFAULTS);
  private final RateLimiter rateLimiter;

  public SettingsHolder(RateLimiter rateLimiter) {
    this.rateLimiter = rateLimiter;
  }

  public Settings current() {
    return current.get();
  }

  /** Applies a change; the rate-limit windows restart so a new limit takes effect predictably. */
  public Settings update(Settings.Change change) {
    if (change.latencyMs() != null && change.latencyMs() < 0) {
      throw badRequest("latencyMs must not be negative");
    }
    if (change.ratePerMinute() != null && change.ratePerMinute() < 0) {
      throw badRequest("ratePerMinute must not be negative (0 turns the limit off)");
    }
    Settings updated = current.updateAndGet(old -> new Settings(
        change.latencyMs() == null ? old.latencyMs() : change.latencyMs(),
        change.ratePerMinute() == null ? old.ratePerMinute() : change.ratePerMinute(),
        change.contactDeals() == null ? old.contactDeals() : change.contactDeals()));
    rateLimiter.clear();
    return updated;
  }
}
