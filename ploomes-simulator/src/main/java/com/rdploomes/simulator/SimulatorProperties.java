package com.rdploomes.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulator's own settings, fed by environment variables in {@code application.properties}.
 *
 * @param apiKey  the only {@code User-Key} accepted ({@code SIMULATOR_API_KEY}); blank means any
 *                non-empty key is accepted
 * @param fixture a file path (or a {@code classpath:} location) of a fixture account that replaces
 *                the bundled one ({@code SIMULATOR_FIXTURE}); blank means the bundled one
 */
@ConfigurationProperties(prefix = "simulator")
public record SimulatorProperties(String apiKey, String fixture) {

  public SimulatorProperties {
    apiKey = apiKey == null ? "" : apiKey;
    fixture = fixture == null ? "" : fixture;
  }
}
