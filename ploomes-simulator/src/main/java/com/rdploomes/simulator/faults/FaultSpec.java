package com.rdploomes.simulator.faults;

import static com.rdploomes.simulator.error.SimulatorException.badRequest;

import java.util.Locale;
import java.util.Set;

/**
 * A fault as the control call describes it ({@code POST /_simulator/faults}).
 *
 * @param method     the HTTP method to match, any when null
 * @param path       a prefix of the request path (no query string) to match, any when null
 * @param status     answer with this status instead of the real answer
 * @param body       the body of that answer, verbatim; a JSON error body when null
 * @param retryAfter seconds for a {@code Retry-After} header on that answer
 * @param delayMs    wait this long first; then answer with {@code status} or drop, or, with
 *                   neither, answer normally (a slow call)
 * @param drop       close the connection without any HTTP answer
 * @param times      how many matching calls get the fault
 * @param forSeconds for how long every matching call gets it (fractions allowed)
 */
public record FaultSpec(String method, String path, Integer status, String body, Integer retryAfter, Long delayMs,
    Boolean drop, Integer times, Double forSeconds) {

  /** The property names the control call accepts; anything else is refused as a likely typo. */
  public static final Set<String> PROPERTIES =
      Set.of("method", "path", "status", "body", "retryAfter", "delayMs", "drop", "times", "forSeconds");

  /**
   * Checks the spec and fills defaults: method upper-cased, {@code drop} false, and one matching
   * call ({@code times} 1) when neither {@code times} nor {@code forSeconds} is given.
   */
  public FaultSpec validated() {
    boolean dropping = Boolean.TRUE.equals(drop);
    if (method != null && !method.matches("[A-Za-z]+")) {
      throw badRequest("method must be an HTTP method such as POST, not '" + method + "'");
    }
    if (path != null && !path.startsWith("/")) {
      throw badRequest("path must start with '/', not '" + path + "'");
    }
    if (status != null && (status < 200 || status > 599)) {
      throw badRequest("status must be between 200 and 599, not " + status);
    }
    if (status == null && (body != null || retryAfter != null)) {
      throw badRequest("body and retryAfter need a status");
    }
    if (dropping && status != null) {
      throw badRequest("a fault either drops the connection or answers with a status, not both");
    }
    if (status == null && !dropping && delayMs == null) {
      throw badRequest("a fault needs a status, a delayMs or drop: true");
    }
    if (retryAfter != null && retryAfter < 0) {
      throw badRequest("retryAfter must not be negative");
    }
    if (delayMs != null && delayMs < 0) {
      throw badRequest("delayMs must not be negative");
    }
    if (times != null && times < 1) {
      throw badRequest("times must be at least 1");
    }
    if (forSeconds != null && !(forSeconds > 0)) {
      throw badRequest("forSeconds must be positive");
    }
    Integer count = times == null && forSeconds == null ? Integer.valueOf(1) : times;
    return new FaultSpec(method == null ? null : method.toUpperCase(Locale.ROOT), path, status, body, retryAfter,
        delayMs, dropping, count, forSeconds);
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equals(requestMethod)) && (path == null || requestPath.startsWith(path));
  }
}
