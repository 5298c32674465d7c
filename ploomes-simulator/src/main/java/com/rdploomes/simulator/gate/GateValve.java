package com.rdploomes.simulator.gate;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link PloomesGate}'s decision for every Ploomes call inside Tomcat, before Spring: only
 * here can a call be dropped, by closing the socket with no HTTP answer at all, which is what a
 * client sees when a load balancer or the network gives up. Also logs one line per call, without
 * the {@code User-Key}.
 */
class GateValve extends ValveBase {

  private static final Logger log = LoggerFactory.getLogger("ploomes.calls");

  private final PloomesGate gate;

  GateValve(PloomesGate gate) {
    super(true);
    this.gate = gate;
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    String path = request.getDecodedRequestURI();
    if (!PloomesPaths.isPloomesCall(path)) {
      getNext().invoke(request, response);
      return;
    }
    long start = System.nanoTime();
    String call = request.getMethod() + " " + request.getRequestURI()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    GateDecision decision = gate.decide(request.getMethod(), path, request.getHeader("User-Key"));
    pause(decision.delayMs());
    switch (decision) {
      case GateDecision.Drop drop -> {
        response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
        log.info("{} -> connection dropped in {} ms ({})", call, millisSince(start), drop.why());
      }
      case GateDecision.Respond answer -> {
        write(response, answer);
        log.info("{} -> {} in {} ms ({})", call, answer.status(), millisSince(start), answer.why());
      }
      case GateDecision.Proceed proceed -> {
        getNext().invoke(request, response);
        log.info("{} -> {} in {} ms{}", call, response.getStatus(), millisSince(start),
            proceed.note().isEmpty() ? "" : " (" + proceed.note() + ")");
      }
    }
  }

  private static void write(Response response, GateDecision.Respond answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(answer.status());
    response.setContentType(answer.contentType());
    if (answer.retryAfter() != null) {
      response.setHeader("Retry-After", String.valueOf(answer.retryAfter()));
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // Tomcat is shutting down: answer now rather than never.
      Thread.currentThread().interrupt();
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
