package com.rdploomes.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rdploomes.simulator.SimulatorHttpTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsHttpTest extends SimulatorHttpTest {

  private static final String DEAL = "{\"Title\":\"T\",\"ContactId\":1}";

  private JsonNode fault(String json) throws Exception {
    Answer answer = control("POST", "/_simulator/faults", json);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aStatusFaultServesNCallsThenTheApiAnswersAgain() throws Exception {
    JsonNode fault = fault("{\"method\":\"POST\",\"path\":\"/Deals\",\"status\":503,\"times\":2}");
    assertThat(fault.get("id").asLong()).isPositive();
    assertThat(fault.get("remaining").asInt()).isEqualTo(2);

    assertThat(get("/Deals").status()).as("another method is not affected").isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      Answer failed = post("/Deals", DEAL);
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.json().get("error").get("code").asString()).isEqualTo("ServiceUnavailable");
      assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
    }
    assertThat(post("/Deals", DEAL).status()).isEqualTo(200);
    assertThat(get("/Deals").json().get("value")).as("faulted calls stored nothing").hasSize(1);
  }

  @Test
  void aFaultWithABodyAnswersItVerbatim() throws Exception {
    fault("{\"path\":\"/Contacts\",\"status\":400,\"body\":\"{\\\"Message\\\":\\\"Campo-chave duplicado\\\"}\","
        + "\"times\":1}");
    Answer answer = post("/Contacts", "{\"Name\":\"A\"}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"Message\":\"Campo-chave duplicado\"}");
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));

    fault("{\"status\":502,\"body\":\"<html>Bad Gateway</html>\"}");
    Answer html = get("/Contacts");
    assertThat(html.status()).isEqualTo(502);
    assertThat(html.body()).isEqualTo("<html>Bad Gateway</html>");
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
  }

  @Test
  void aHugeBodyIsServedWhole() throws Exception {
    String huge = "x".repeat(1_048_576);
    fault("{\"path\":\"/Contacts\",\"status\":400,\"body\":\"" + huge + "\",\"times\":1}");
    Answer answer = post("/Contacts", "{\"Name\":\"A\"}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).hasSize(1_048_576).isEqualTo(huge);
  }

  @Test
  void aTimedFaultServesEveryCallUntilItExpires() throws Exception {
    long start = System.nanoTime();
    fault("{\"status\":429,\"forSeconds\":1}");
    assertThat(get("/Contacts").status()).isEqualTo(429);
    assertThat(post("/Deals", DEAL).status()).isEqualTo(429);
    assertThat(get("/Account").status()).isEqualTo(429);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> get("/Contacts").status() == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void a429CarriesRetryAfterOnlyWhenAsked() throws Exception {
    fault("{\"status\":429,\"retryAfter\":5,\"times\":1}");
    Answer withHeader = get("/Contacts");
    assertThat(withHeader.status()).isEqualTo(429);
    assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(withHeader.json().get("error").get("code").asString()).isEqualTo("TooManyRequests");

    fault("{\"status\":429,\"times\":1}");
    Answer without = get("/Contacts");
    assertThat(without.status()).isEqualTo(429);
    assertThat(without.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void aDelayOnlyFaultAnswersLateButNormally() throws Exception {
    fault("{\"path\":\"/Contacts\",\"delayMs\":400,\"times\":1}");
    long start = System.nanoTime();
    Answer late = post("/Contacts", "{\"Name\":\"A\"}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(late.status()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));

    long again = System.nanoTime();
    assertThat(get("/Contacts").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - again)).as("used up").isLessThan(Duration.ofMillis(400));
  }

  @Test
  void aDelayPastTheClientsTimeoutTimesOut() throws Exception {
    fault("{\"path\":\"/Contacts\",\"delayMs\":1500,\"times\":1}");
    HttpRequest request = HttpRequest.newBuilder(uri("/Contacts")).header("User-Key", KEY)
        .timeout(Duration.ofMillis(300)).GET().build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
  }

  @Test
  void aDelayedStatusFault() throws Exception {
    fault("{\"status\":504,\"delayMs\":300,\"times\":1}");
    long start = System.nanoTime();
    assertThat(get("/Contacts").status()).isEqualTo(504);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aDroppedConnectionIsAnIOExceptionWithNoAnswer() throws Exception {
    fault("{\"path\":\"/Deals\",\"drop\":true,\"times\":1}");
    assertThatThrownBy(() -> post("/Deals", DEAL)).isInstanceOf(IOException.class);
    assertThat(post("/Deals", DEAL).status()).as("the next call is answered").isEqualTo(200);
    assertThat(get("/Deals").json().get("value")).hasSize(1);
  }

  /**
   * The JDK client (and others) retry an idempotent GET once when the connection closes with no
   * answer, so a dropped GET only surfaces when the retry is dropped too.
   */
  @Test
  void aDroppedGetSurfacesWhenTheClientsRetryIsDroppedToo() throws Exception {
    fault("{\"method\":\"GET\",\"path\":\"/Deals\",\"drop\":true,\"times\":2}");
    assertThatThrownBy(() -> get("/Deals")).isInstanceOf(IOException.class);
    assertThat(control("GET", "/_simulator/stats", null).json().get("faultsServed").asLong()).isEqualTo(2);
    assertThat(get("/Deals").status()).isEqualTo(200);
  }

  @Test
  void theFirstMatchingFaultAppliesAndDeleteClearsThemAll() throws Exception {
    fault("{\"path\":\"/Contacts\",\"status\":400,\"times\":5}");
    fault("{\"status\":500,\"times\":5}");
    assertThat(get("/Contacts").status()).isEqualTo(400);
    assertThat(get("/Deals").status()).isEqualTo(500);

    Answer listed = control("GET", "/_simulator/faults", null);
    assertThat(listed.json().get("faults")).hasSize(2);
    assertThat(listed.json().get("faults").get(0).get("remaining").asInt()).isEqualTo(4);

    Answer cleared = control("DELETE", "/_simulator/faults", null);
    assertThat(cleared.json().get("cleared").asInt()).isEqualTo(2);
    assertThat(get("/Contacts").status()).isEqualTo(200);
    assertThat(control("GET", "/_simulator/faults", null).json().get("faults")).isEmpty();
  }

  @Test
  void faultsApplyWhateverTheKey() throws Exception {
    fault("{\"status\":503,\"times\":1}");
    assertThat(call("GET", "/Contacts", null, null).status()).isEqualTo(503);
    assertThat(call("GET", "/Contacts", null, null).status()).isEqualTo(401);
  }

  @Test
  void faultsNeverTouchTheControls() throws Exception {
    fault("{\"status\":503,\"forSeconds\":30}");
    assertThat(control("GET", "/_simulator/stats", null).status()).isEqualTo(200);
    assertThat(control("GET", "/actuator/health", null).status()).isEqualTo(200);
  }

  @Test
  void invalidFaultsAre400() throws Exception {
    Answer typo = control("POST", "/_simulator/faults", "{\"status\":503,\"delay\":100}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.errorMessage()).contains("Unknown property 'delay'");
    Answer both = control("POST", "/_simulator/faults", "{\"status\":503,\"drop\":true}");
    assertThat(both.status()).isEqualTo(400);
    Answer wrongType = control("POST", "/_simulator/faults", "{\"status\":\"busy\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(control("GET", "/_simulator/faults", null).json().get("faults")).isEmpty();
  }
}
