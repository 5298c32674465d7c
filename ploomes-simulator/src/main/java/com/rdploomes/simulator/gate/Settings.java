package com.rdploomes.simulator.gate;

/**
 * Run-time settings ({@code PUT /_simulator/settings}).
 *
 * @param latencyMs     added to every Ploomes call
 * @param ratePerMinute calls allowed per {@code User-Key} in any 60 s window; 0 = no limit
 * @param contactDeals  whether a contact has the {@code Deals} navigation property; false answers
 *                      {@code $expand=Deals} on Contacts with 400, as a Ploomes without it would
 *                      (that it exists is not confirmed, ploomes-api.md)
 */
public record Settings(long latencyMs, int ratePerMinute, boolean contactDeals) {

  /** Fast and unlimited, so tests and demos are quick; benchmarks turn the limit on. */
  public static final Settings DEFAULTS = new Settings(0, 0, true);

  /** A partial update: absent (null) values keep the current ones. */
  public record Change(Long latencyMs, Integer ratePerMinute, Boolean contactDeals) {}
}
