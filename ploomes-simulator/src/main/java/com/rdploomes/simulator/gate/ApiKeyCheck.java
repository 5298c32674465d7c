package com.rdploomes.simulator.gate;

import com.rdploomes.simulator.SimulatorProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/** Any non-empty {@code User-Key}, or only SIMULATOR_API_KEY when that is set. */
@Component
public class ApiKeyCheck {

  private final byte[] required;

  public ApiKeyCheck(SimulatorProperties properties) {
    this.required = properties.apiKey().isBlank() ? null : properties.apiKey().getBytes(StandardCharsets.UTF_8);
  }

  public boolean accepts(String userKey) {
    if (userKey == null || userKey.isBlank()) {
      return false;
    }
    return required == null || MessageDigest.isEqual(required, userKey.getBytes(StandardCharsets.UTF_8));
  }
}
