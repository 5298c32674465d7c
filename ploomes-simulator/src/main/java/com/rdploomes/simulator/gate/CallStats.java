package com.rdploomes.simulator.gate;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/** Counts of the Ploomes calls that arrived, whatever they were answered. */
@Component
public class CallStats {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder faultsServed = new LongAdder();

  /** The JSON of {@code GET /_simulator/stats}; calls sorted by key for readability. */
  public record Snapshot(Map<String, Long> calls, long rateLimited, long faultsServed) {}

  void called(String key) {
    calls.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void faultServed() {
    faultsServed.increment();
  }

  public Snapshot snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    calls.forEach((key, count) -> counts.put(key, count.sum()));
    return new Snapshot(counts, rateLimited.sum(), faultsServed.sum());
  }

  public void clear() {
    calls.clear();
    rateLimited.reset();
    faultsServed.reset();
  }
}
