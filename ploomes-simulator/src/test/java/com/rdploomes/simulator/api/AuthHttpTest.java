package com.rdploomes.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.SimulatorHttpTest;
import org.junit.jupiter.api.Test;

class AuthHttpTest extends SimulatorHttpTest {

  @Test
  void withoutAUserKeyEveryPloomesCallIs401() throws Exception {
    for (String path : new String[] {"/Contacts", "/Deals@Pipelines", "/Account", "/Nope"}) {
      Answer answer = call("GET", path, null, null);
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.json().get("error").get("code").asString()).isEqualTo("Unauthorized");
      assertThat(answer.errorMessage()).contains("User-Key");
    }
    Answer post = call("POST", "/Contacts", "{\"Name\":\"A\"}", null);
    assertThat(post.status()).isEqualTo(401);
    assertThat(get("/Contacts").json().get("value")).as("nothing created").isEmpty();
  }

  @Test
  void aBlankUserKeyIs401() throws Exception {
    assertThat(call("GET", "/Contacts", null, " ").status()).isEqualTo(401);
  }

  @Test
  void anyNonEmptyKeyIsAcceptedByDefault() throws Exception {
    assertThat(call("GET", "/Contacts", null, "whatever").status()).isEqualTo(200);
    assertThat(call("GET", "/Contacts", null, "another").status()).isEqualTo(200);
  }

  @Test
  void controlsAndHealthNeedNoKey() throws Exception {
    assertThat(control("GET", "/_simulator/stats", null).status()).isEqualTo(200);
    Answer health = control("GET", "/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void onlyHealthIsExposed() throws Exception {
    assertThat(control("GET", "/actuator/env", null).status()).isEqualTo(404);
    assertThat(control("GET", "/actuator/beans", null).status()).isEqualTo(404);
  }
}
