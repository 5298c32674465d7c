package com.rdploomes.simulator.gate;

import com.rdploomes.simulator.error.ErrorBody;
import com.rdploomes.simulator.faults.ActiveFault;
import com.rdploomes.simulator.faults.FaultRegistry;
import com.rdploomes.simulator.faults.FaultSpec;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Decides what happens to each Ploomes call before the API sees it, in this order:
 *
 * <ol>
 *   <li>count it in the stats (every call that arrives counts);
 *   <li>the configured latency;
 *   <li>a matching fault, like a proxy or outage in front of the API: it is served whatever the key;
 *       a delay-only fault adds its delay and lets the call go on;
 *   <li>the {@code User-Key} check (401);
 *   <li>the rate limit per key (429 without {@code Retry-After}, as the real API is not known to
 *       send one).
 * </ol>
 *
 * <p>Pure decision: the waiting and the answering are done by {@link GateValve}.
 */
@Component
public class PloomesGate {

  private static final String JSON = "application/json;charset=UTF-8";

  private final CallStats stats;
  private final SettingsHolder settings;
  private final FaultRegistry faults;
  private final ApiKeyCheck apiKey;
  private final RateLimiter rateLimiter;
  private final ObjectMapper mapper;

  public PloomesGate(CallStats stats, SettingsHolder settings, FaultRegistry faults, ApiKeyCheck apiKey,
      RateLimiter rateLimiter, ObjectMapper mapper) {
    this.stats = stats;
    this.settings = settings;
    this.faults = faults;
    this.apiKey = apiKey;
    this.rateLimiter = rateLimiter;
    this.mapper = mapper;
  }

  public GateDecision decide(String method, String path, String userKey) {
    stats.called(PloomesPaths.statsKey(method, path));
    Settings current = settings.current();
    long delay = current.latencyMs();
    String note = "";
    Optional<ActiveFault> taken = faults.take(method, path);
    if (taken.isPresent()) {
      stats.faultServed();
      ActiveFault fault = taken.get();
      FaultSpec spec = fault.spec();
      delay += spec.delayMs() == null ? 0 : spec.delayMs();
      String why = "fault #" + fault.id();
      if (Boolean.TRUE.equals(spec.drop())) {
        return new GateDecision.Drop(delay, why);
      }
      if (spec.status() != null) {
        return spec.body() == null
            ? new GateDecision.Respond(delay, spec.status(), JSON,
                error(spec.status(), "Simulated fault #" + fault.id()), spec.retryAfter(), why)
            : new GateDecision.Respond(delay, spec.status(), contentTypeOf(spec.body()), spec.body(),
                spec.retryAfter(), why);
      }
      note = why + " (delay)";
    }
    if (!apiKey.accepts(userKey)) {
      return new GateDecision.Respond(delay, 401, JSON,
          error(401, "A valid User-Key header is required"), null, "no valid User-Key");
    }
    if (!rateLimiter.tryAcquire(userKey, current.ratePerMinute())) {
      stats.rateLimited();
      return new GateDecision.Respond(delay, 429, JSON,
          error(429, "Rate limit of " + current.ratePerMinute() + " requests per minute exceeded"), null,
          "rate limited");
    }
    return new GateDecision.Proceed(delay, note);
  }

  private String error(int status, String message) {
    return mapper.writeValueAsString(ErrorBody.of(ErrorBody.codeFor(status), message));
  }

  /** A fault body is sent verbatim; JSON-looking bodies are labelled as JSON, others as text. */
  private static String contentTypeOf(String body) {
    String start = body.stripLeading();
    return start.startsWith("{") || start.startsWith("[") ? JSON : "text/plain;charset=UTF-8";
  }
}
