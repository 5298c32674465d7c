package com.rdploomes.simulator.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The active faults, in the order they were added; the first one that matches a call applies to
 * it. Taking a fault and counting it down happen under one lock, so N concurrent calls against a
 * {@code times: N} fault get exactly N faults.
 */
@Component
public class FaultRegistry {

  private final Clock clock;
  private final List<ActiveFault> faults = new ArrayList<>();
  private long nextId = 1;

  public FaultRegistry(Clock clock) {
    this.clock = clock;
  }

  public synchronized ActiveFault add(FaultSpec spec) {
    FaultSpec valid = spec.validated();
    Instant expiresAt = valid.forSeconds() == null ? null
        : clock.instant().plus(Duration.ofNanos(Math.round(valid.forSeconds() * 1_000_000_000d)));
    ActiveFault fault = new ActiveFault(nextId++, valid, valid.times(), expiresAt);
    faults.add(fault);
    return fault;
  }

  /** The fault this call gets, if any, counted as used. */
  public synchronized Optional<ActiveFault> take(String method, String path) {
    Instant now = clock.instant();
    ListIterator<ActiveFault> it = faults.listIterator();
    while (it.hasNext()) {
      ActiveFault fault = it.next();
      if (fault.expired(now)) {
        it.remove();
      } else if (fault.spec().matches(method, path)) {
        ActiveFault used = fault.usedOnce();
        if (used.expired(now)) {
          it.remove();
        } else {
          it.set(used);
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  public synchronized List<ActiveFault> active() {
    Instant now = clock.instant();
    faults.removeIf(fault -> fault.expired(now));
    return List.copyOf(faults);
  }

  /** Removes every fault; answers how many were still active. */
  public synchronized int clear() {
    int active = active().size();
    faults.clear();
    return active;
  }
}
