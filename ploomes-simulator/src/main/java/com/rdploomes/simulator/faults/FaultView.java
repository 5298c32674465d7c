package com.rdploomes.simulator.faults;

import java.time.Instant;

/** The JSON a control call answers for a fault: the spec as validated, its id and what is left. */
public record FaultView(long id, String method, String path, Integer status, String body, Integer retryAfter,
    Long delayMs, boolean drop, Integer times, Double forSeconds, Integer remaining, Instant expiresAt) {

  public static FaultView of(ActiveFault fault) {
    FaultSpec spec = fault.spec();
    return new FaultView(fault.id(), spec.method(), spec.path(), spec.status(), spec.body(), spec.retryAfter(),
        spec.delayMs(), Boolean.TRUE.equals(spec.drop()), spec.times(), spec.forSeconds(), fault.remaining(),
        fault.expiresAt());
  }
}
