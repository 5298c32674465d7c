package com.rdploomes.simulator.gate;

/**
 * Run-time settings ({@code PUT /_simulator/settings}).
 *
 * @param latencyMs     added to every Ploomes call
 * @param ratePerMinute calls allowed per {@code User-Key} in any 60 s window; 0 = no limit
 */
public record Settings(long latencyMs, int ratePerMinute) {

  /** Fast and unlimited, so tests and demos are quick; benchmarks turn the limit on. */
  public static final Settings DEFAULTS = new Settings(0, 0);

  /** A partial update: absent (null) values keep the current ones. */
  public record Change(Long latencyMs, Integer ratePerMinute) {}
}
