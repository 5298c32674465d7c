package com.rdploomes.simulator.control;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.faults.FaultRegistry;
import com.rdploomes.simulator.faults.FaultSpec;
import com.rdploomes.simulator.faults.FaultView;
import com.rdploomes.simulator.gate.CallStats;
import com.rdploomes.simulator.gate.RateLimiter;
import com.rdploomes.simulator.gate.Settings;
import com.rdploomes.simulator.gate.SettingsHolder;
import com.rdploomes.simulator.store.EntityStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The controls tests and benchmarks drive the simulator with; no {@code User-Key} needed. */
@RestController
@RequestMapping("/_simulator")
class SimulatorController {

  private static final Logger log = LoggerFactory.getLogger(SimulatorController.class);
  private static final Set<String> SETTINGS_PROPERTIES = Set.of("latencyMs", "ratePerMinute", "contactDeals");

  private final FaultRegistry faults;
  private final CallStats stats;
  private final SettingsHolder settings;
  private final RateLimiter rateLimiter;
  private final EntityStore store;
  private final ObjectMapper mapper;

  SimulatorController(FaultRegistry faults, CallStats stats, SettingsHolder settings, RateLimiter rateLimiter,
      EntityStore store, ObjectMapper mapper) {
    this.faults = faults;
    this.stats = stats;
    this.settings = settings;
    this.rateLimiter = rateLimiter;
    this.store = store;
    this.mapper = mapper;
  }

  @PostMapping("/faults")
  FaultView addFault(@RequestBody JsonNode body) {
    FaultView fault = FaultView.of(faults.add(read(body, FaultSpec.PROPERTIES, FaultSpec.class)));
    log.info("Fault #{} added: {} {} status={} delayMs={} drop={} times={} forSeconds={}", fault.id(),
        fault.method() == null ? "any" : fault.method(), fault.path() == null ? "/" : fault.path(), fault.status(),
        fault.delayMs(), fault.drop(), fault.times(), fault.forSeconds());
    return fault;
  }

  @GetMapping("/faults")
  Map<String, List<FaultView>> listFaults() {
    return Map.of("faults", faults.active().stream().map(FaultView::of).toList());
  }

  @DeleteMapping("/faults")
  Map<String, Integer> clearFaults() {
    return Map.of("cleared", faults.clear());
  }

  @GetMapping("/stats")
  CallStats.Snapshot stats() {
    return stats.snapshot();
  }

  /** Empties the store, the stats, the faults and the rate-limit windows; settings and fixtures stay. */
  @PostMapping("/reset")
  Map<String, Boolean> reset() {
    store.clear();
    faults.clear();
    rateLimiter.clear();
    stats.clear();
    log.info("Simulator reset");
    return Map.of("reset", true);
  }

  @GetMapping("/settings")
  Settings settings() {
    return settings.current();
  }

  @PutMapping("/settings")
  Settings updateSettings(@RequestBody JsonNode body) {
    Settings updated = settings.update(read(body, SETTINGS_PROPERTIES, Settings.Change.class));
    log.info("Settings now {}", updated);
    return updated;
  }

  /** Refuses unknown properties: a typo such as "delay" must not silently become a no-op. */
  private <T> T read(JsonNode body, Set<String> allowed, Class<T> type) {
    if (body == null || !body.isObject()) {
      throw SimulatorException.badRequest("The request body must be a JSON object");
    }
    for (String name : body.propertyNames()) {
      if (!allowed.contains(name)) {
        throw SimulatorException.badRequest("Unknown property '" + name + "'; expected some of " + allowed);
      }
    }
    return mapper.treeToValue(body, type);
  }
}
