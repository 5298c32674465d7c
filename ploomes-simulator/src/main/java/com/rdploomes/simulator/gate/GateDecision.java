package com.rdploomes.simulator.gate;

/** What happens to one Ploomes call, after waiting {@link #delayMs()}. */
public sealed interface GateDecision {

  long delayMs();

  /** Hand the call to the API. */
  record Proceed(long delayMs, String note) implements GateDecision {}

  /** Answer in place of the API; {@code why} goes to the log. */
  record Respond(long delayMs, int status, String contentType, String body, Integer retryAfter, String why)
      implements GateDecision {}

  /** Close the connection without an answer. */
  record Drop(long delayMs, String why) implements GateDecision {}
}
