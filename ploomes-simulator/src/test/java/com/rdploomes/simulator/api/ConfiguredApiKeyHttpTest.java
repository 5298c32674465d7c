package com.rdploomes.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.SimulatorHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** SIMULATOR_API_KEY feeds simulator.api-key; set, only that key gets in. */
@TestPropertySource(properties = "simulator.api-key=the-only-key")
class ConfiguredApiKeyHttpTest extends SimulatorHttpTest {

  @Test
  void onlyTheConfiguredKeyIsAccepted() throws Exception {
    assertThat(call("GET", "/Contacts", null, "the-only-key").status()).isEqualTo(200);
    Answer wrong = call("GET", "/Contacts", null, "test-key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").get("code").asString()).isEqualTo("Unauthorized");
    assertThat(call("GET", "/Contacts", null, "THE-ONLY-KEY").status()).isEqualTo(401);
    assertThat(call("GET", "/Contacts", null, null).status()).isEqualTo(401);
  }

  @Test
  void controlsStillNeedNoKey() throws Exception {
    assertThat(control("GET", "/_simulator/settings", null).status()).isEqualTo(200);
  }
}
