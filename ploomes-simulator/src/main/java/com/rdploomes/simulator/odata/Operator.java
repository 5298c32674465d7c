package com.rdploomes.simulator.odata;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators of $filter. */
enum Operator {
  EQ, NE, GT, GE, LT, LE;

  /** OData operators are lower-case words; {@code EQ} is not one. */
  static Optional<Operator> of(Token token) {
    if (token.kind() != Token.Kind.WORD) {
      return Optional.empty();
    }
    for (Operator operator : values()) {
      if (operator.name().toLowerCase(Locale.ROOT).equals(token.text())) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }
}
