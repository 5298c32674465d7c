package com.rdploomes.simulator.odata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The few OData string functions ploomes-api.md lists, and the case helpers they pair with. */
enum Function {
  CONTAINS(2), STARTSWITH(2), ENDSWITH(2), TOLOWER(1), TOUPPER(1), TRIM(1), LENGTH(1);

  private final int arity;

  Function(int arity) {
    this.arity = arity;
  }

  int arity() {
    return arity;
  }

  String odataName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Function> named(String name) {
    for (Function function : values()) {
      if (function.odataName().equals(name)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }

  /** Applies to evaluated arguments; anything but strings yields null, which matches nothing. */
  Object apply(List<Object> args) {
    for (Object arg : args) {
      if (!(arg instanceof String)) {
        return null;
      }
    }
    String first = (String) args.getFirst();
    return switch (this) {
      case CONTAINS -> first.contains((String) args.get(1));
      case STARTSWITH -> first.startsWith((String) args.get(1));
      case ENDSWITH -> first.endsWith((String) args.get(1));
      case TOLOWER -> first.toLowerCase(Locale.ROOT);
      case TOUPPER -> first.toUpperCase(Locale.ROOT);
      case TRIM -> first.strip();
      case LENGTH -> BigDecimal.valueOf(first.length());
    };
  }
}
