package com.rdploomes.simulator;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

  /** One clock for timestamps, fault expiry and the rate-limit window, so unit tests can drive time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
