package com.rdploomes.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.SimulatorHttpTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlsHttpTest extends SimulatorHttpTest {

  private JsonNode stats() throws Exception {
    return control("GET", "/_simulator/stats", null).json();
  }

  @Test
  void statsCountEveryPloomesCallByMethodAndSet() throws Exception {
    long id = createContact("{\"Name\":\"Ana\"}");
    get("/Contacts?$filter=" + encode("Email eq 'a@b.c'"));
    get("/Contacts");
    patch("/Contacts(" + id + ")", "{\"Note\":\"x\"}");
    post("/Deals", "{\"Title\":\"T\"}");
    call("GET", "/Contacts", null, null);
    control("POST", "/_simulator/faults", "{\"path\":\"/Deals@Pipelines\",\"status\":500,\"times\":1}");
    get("/Deals@Pipelines");
    get("/Deals@Pipelines");
    control("GET", "/_simulator/faults", null);
    control("GET", "/actuator/health", null);

    JsonNode stats = stats();
    Map<String, Long> calls = mapper.convertValue(stats.get("calls"),
        mapper.getTypeFactory().constructMapType(Map.class, String.class, Long.class));
    assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of(
        "POST /Contacts", 1L,
        "GET /Contacts", 3L,
        "PATCH /Contacts", 1L,
        "POST /Deals", 1L,
        "GET /Deals@Pipelines", 2L));
    assertThat(stats.get("faultsServed").asLong()).isEqualTo(1);
    assertThat(stats.get("rateLimited").asLong()).isZero();
    assertThat(stats.propertyNames()).containsExactly("calls", "rateLimited", "faultsServed");
  }

  @Test
  void resetEmptiesTheStoreStatsAndFaultsButKeepsTheFixture() throws Exception {
    createContact("{\"Name\":\"Ana\"}");
    post("/Deals", "{\"Title\":\"T\",\"ContactId\":1}");
    post("/InteractionRecords", "{\"ContactId\":1,\"Content\":\"x\"}");
    control("POST", "/_simulator/faults", "{\"path\":\"/Nothing\",\"status\":500,\"times\":3}");

    Answer reset = control("POST", "/_simulator/reset", null);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(control("GET", "/_simulator/faults", null).json().get("faults")).isEmpty();
    assertThat(stats().get("calls").size()).isZero();

    assertThat(get("/Contacts").json().get("value")).isEmpty();
    assertThat(get("/Deals").json().get("value")).isEmpty();
    assertThat(get("/InteractionRecords").json().get("value")).isEmpty();
    assertThat(get("/Deals@Pipelines").json().get("value")).hasSize(2);
    assertThat(stats().get("calls").size()).isEqualTo(4);
  }

  @Test
  void settingsRoundTripAndPartialUpdates() throws Exception {
    Answer defaults = control("GET", "/_simulator/settings", null);
    assertThat(defaults.json().toString()).isEqualTo("{\"latencyMs\":0,\"ratePerMinute\":0,\"contactDeals\":true}");
    Answer updated = control("PUT", "/_simulator/settings", "{\"latencyMs\":50,\"ratePerMinute\":120}");
    assertThat(updated.json().toString())
        .isEqualTo("{\"latencyMs\":50,\"ratePerMinute\":120,\"contactDeals\":true}");
    control("PUT", "/_simulator/settings", "{\"ratePerMinute\":100}");
    control("PUT", "/_simulator/settings", "{\"contactDeals\":false}");
    control("POST", "/_simulator/reset", null);
    assertThat(control("GET", "/_simulator/settings", null).json().toString())
        .as("a reset keeps the settings")
        .isEqualTo("{\"latencyMs\":50,\"ratePerMinute\":100,\"contactDeals\":false}");
  }

  @Test
  void invalidSettingsAre400AndChangeNothing() throws Exception {
    assertThat(control("PUT", "/_simulator/settings", "{\"latencyMs\":-1}").status()).isEqualTo(400);
    assertThat(control("PUT", "/_simulator/settings", "{\"rate\":5}").status()).isEqualTo(400);
    assertThat(control("PUT", "/_simulator/settings", "{\"ratePerMinute\":\"many\"}").status()).isEqualTo(400);
    assertThat(control("PUT", "/_simulator/settings", "{\"contactDeals\":\"maybe\"}").status()).isEqualTo(400);
    assertThat(control("GET", "/_simulator/settings", null).json().toString())
        .isEqualTo("{\"latencyMs\":0,\"ratePerMinute\":0,\"contactDeals\":true}");
  }

  @Test
  void latencyIsAddedToEveryPloomesCall() throws Exception {
    control("PUT", "/_simulator/settings", "{\"latencyMs\":300}");
    for (String path : new String[] {"/Contacts", "/Deals@Stages"}) {
      long start = System.nanoTime();
      assertThat(get(path).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
    long start = System.nanoTime();
    control("GET", "/_simulator/stats", null);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("controls are not slowed")
        .isLessThan(Duration.ofMillis(300));
  }

  @Test
  void theRateLimitRefusesTheCallOverTheLimitPerKeyWithoutRetryAfter() throws Exception {
    control("PUT", "/_simulator/settings", "{\"ratePerMinute\":3}");
    for (int i = 0; i < 3; i++) {
      assertThat(get("/Contacts").status()).isEqualTo(200);
    }
    Answer limited = get("/Contacts");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    assertThat(limited.json().get("error").get("code").asString()).isEqualTo("TooManyRequests");
    assertThat(post("/Contacts", "{\"Name\":\"A\"}").status()).as("every method counts").isEqualTo(429);

    assertThat(call("GET", "/Contacts", null, "another-key").status()).isEqualTo(200);
    JsonNode stats = stats();
    assertThat(stats.get("rateLimited").asLong()).isEqualTo(2);
    assertThat(stats.get("calls").get("GET /Contacts").asLong()).isEqualTo(5);

    control("PUT", "/_simulator/settings", "{\"ratePerMinute\":0}");
    assertThat(get("/Contacts").status()).as("0 turns it off").isEqualTo(200);
  }
}
