package com.rdploomes.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rdploomes.simulator.MutableClock;
import com.rdploomes.simulator.error.SimulatorException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultRegistryTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-10-20T14:00:00Z"));
  private final FaultRegistry registry = new FaultRegistry(clock);

  private static FaultSpec status(String method, String path, int status, Integer times, Double forSeconds) {
    return new FaultSpec(method, path, status, null, null, null, null, times, forSeconds);
  }

  @Test
  void aCountedFaultServesExactlyThatManyCalls() {
    ActiveFault added = registry.add(status("POST", "/Deals", 503, 2, null));
    assertThat(added.id()).isEqualTo(1);
    assertThat(added.remaining()).isEqualTo(2);
    assertThat(registry.take("POST", "/Deals")).hasValueSatisfying(f -> assertThat(f.id()).isEqualTo(1));
    assertThat(registry.active()).singleElement().satisfies(f -> assertThat(f.remaining()).isEqualTo(1));
    assertThat(registry.take("POST", "/Deals")).isPresent();
    assertThat(registry.take("POST", "/Deals")).isEmpty();
    assertThat(registry.active()).isEmpty();
  }

  @Test
  void aTimedFaultServesEveryCallUntilItExpires() {
    registry.add(status(null, null, 429, null, 10.0));
    for (int i = 0; i < 50; i++) {
      assertThat(registry.take("GET", "/Contacts")).isPresent();
    }
    clock.advance(Duration.ofMillis(9_999));
    assertThat(registry.take("GET", "/Contacts")).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(registry.take("GET", "/Contacts")).isEmpty();
    assertThat(registry.active()).isEmpty();
  }

  @Test
  void fractionalSecondsAreHonoured() {
    ActiveFault fault = registry.add(status(null, null, 503, null, 0.25));
    assertThat(fault.expiresAt()).isEqualTo(clock.instant().plusMillis(250));
  }

  @Test
  void methodAndPathPrefixMustMatch() {
    registry.add(status("POST", "/Deals", 503, 5, null));
    assertThat(registry.take("GET", "/Deals")).isEmpty();
    assertThat(registry.take("POST", "/Contacts")).isEmpty();
    assertThat(registry.take("POST", "/Deals")).isPresent();
    assertThat(registry.take("POST", "/Deals(5)/Win")).isPresent();
  }

  @Test
  void methodIsCaseInsensitiveAsGiven() {
    registry.add(status("post", null, 503, 1, null));
    assertThat(registry.take("POST", "/Deals")).isPresent();
  }

  @Test
  void theFirstMatchingFaultApplies() {
    registry.add(status(null, "/Contacts", 400, 1, null));
    registry.add(status(null, null, 503, 1, null));
    assertThat(registry.take("GET", "/Deals")).hasValueSatisfying(f -> assertThat(f.spec().status()).isEqualTo(503));
    assertThat(registry.take("GET", "/Contacts")).hasValueSatisfying(
        f -> assertThat(f.spec().status()).isEqualTo(400));
    assertThat(registry.take("GET", "/Contacts")).isEmpty();
  }

  @Test
  void withoutTimesOrForSecondsOneCallIsFaulted() {
    ActiveFault fault = registry.add(status(null, null, 500, null, null));
    assertThat(fault.spec().times()).isEqualTo(1);
    assertThat(registry.take("GET", "/")).isPresent();
    assertThat(registry.take("GET", "/")).isEmpty();
  }

  @Test
  void timesAndForSecondsTogetherEndAtWhicheverComesFirst() {
    registry.add(status(null, null, 500, 100, 1.0));
    assertThat(registry.take("GET", "/")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(registry.take("GET", "/")).isEmpty();
  }

  @Test
  void clearAnswersHowManyWereActive() {
    registry.add(status(null, null, 500, 1, null));
    registry.add(status(null, null, 500, 1, null));
    assertThat(registry.clear()).isEqualTo(2);
    assertThat(registry.take("GET", "/")).isEmpty();
    assertThat(registry.add(status(null, null, 500, 1, null)).id()).as("ids keep counting").isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "nothing to do            | -    | -     | -   | -    | -     | -    | -  | a fault needs a status, a delayMs or drop",
      "drop and status          | -    | 503   | -   | -    | true  | -    | -  | either drops the connection or answers",
      "body without status      | -    | -     | x   | -    | true  | -    | -  | body and retryAfter need a status",
      "status out of range      | -    | 99    | -   | -    | -     | -    | -  | status must be between 200 and 599",
      "negative delay           | -    | -     | -   | -1   | -     | -    | -  | delayMs must not be negative",
      "zero times               | -    | 503   | -   | -    | -     | 0    | -  | times must be at least 1",
      "zero seconds             | -    | 503   | -   | -    | -     | -    | 0  | forSeconds must be positive",
      "path without slash       | Deals| 503   | -   | -    | -     | -    | -  | path must start with '/'",
  })
  void invalidSpecsAreRefused(String name, String path, Integer status, String body, Long delayMs, Boolean drop,
      Integer times, Double forSeconds, String message) {
    FaultSpec spec = new FaultSpec(null, path, status, body, null, delayMs, drop, times, forSeconds);
    assertThatThrownBy(() -> registry.add(spec)).isInstanceOf(SimulatorException.class).hasMessageContaining(message);
  }
}
