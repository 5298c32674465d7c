package com.rdploomes.simulator.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PloomesPathsTest {

  @Test
  void controlsAndActuatorAreNotPloomesCalls() {
    assertThat(PloomesPaths.isPloomesCall("/_simulator/stats")).isFalse();
    assertThat(PloomesPaths.isPloomesCall("/_simulator")).isFalse();
    assertThat(PloomesPaths.isPloomesCall("/actuator/health")).isFalse();
    assertThat(PloomesPaths.isPloomesCall("/Contacts")).isTrue();
    assertThat(PloomesPaths.isPloomesCall("/_simulatorX")).isTrue();
    assertThat(PloomesPaths.isPloomesCall("/anything")).isTrue();
  }

  @Test
  void statsKeyDropsEntityKeys() {
    assertThat(PloomesPaths.statsKey("PATCH", "/Contacts(5)")).isEqualTo("PATCH /Contacts");
    assertThat(PloomesPaths.statsKey("POST", "/Deals(7)/Win")).isEqualTo("POST /Deals/Win");
    assertThat(PloomesPaths.statsKey("GET", "/Deals@Pipelines")).isEqualTo("GET /Deals@Pipelines");
  }
}
