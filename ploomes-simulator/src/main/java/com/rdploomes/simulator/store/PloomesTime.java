package com.rdploomes.simulator.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Timestamps as Ploomes writes them: ISO-8601 with milliseconds and the Brazilian -03:00 offset. */
@Component
public class PloomesTime {

  static final ZoneOffset BRASILIA = ZoneOffset.ofHours(-3);
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final Clock clock;

  public PloomesTime(Clock clock) {
    this.clock = clock;
  }

  public String now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(BRASILIA).format(FORMAT);
  }
}
