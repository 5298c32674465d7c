package com.rdploomes.simulator.faults;

import java.time.Instant;

/**
 * A registered fault and what is left of it.
 *
 * @param id        the id the control call answered with
 * @param spec      the validated spec
 * @param remaining matching calls still to fault, or null when only time bounds it
 * @param expiresAt when it stops, or null when only a count bounds it
 */
public record ActiveFault(long id, FaultSpec spec, Integer remaining, Instant expiresAt) {

  boolean expired(Instant now) {
    return (expiresAt != null && !now.isBefore(expiresAt)) || (remaining != null && remaining <= 0);
  }

  ActiveFault usedOnce() {
    return remaining == null ? this : new ActiveFault(id, spec, remaining - 1, expiresAt);
  }
}
