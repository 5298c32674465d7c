package com.rdploomes.simulator.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How stored JSON values are read and compared by $filter and $orderby.
 *
 * <p>Values are plain Java objects: {@code null} (a JSON null or an absent property), String,
 * BigDecimal (every JSON number, so 5, 5L and 5.0 are all equal), Boolean, OffsetDateTime (only
 * from an unquoted date-time literal) or {@link #NON_SCALAR} (an object or array).
 *
 * <p>String comparison is exact and case-sensitive. Whether the real API's {@code Email eq} is
 * case-insensitive (SQL collation) is unknown (ploomes-api.md, open question 4); being strict here
 * means a client that does not normalise e-mails before searching fails in tests rather than in
 * production.
 */
final class ODataValues {

  /** Objects and arrays: never equal to anything, not even each other, and not ordered. */
  static final Object NON_SCALAR = new Object() {
    @Override
    public String toString() {
      return "a non-scalar value";
    }
  };

  /** Sort order for $orderby: null first (as OData sorts nulls lowest), then by kind, then by value. */
  static final Comparator<Object> SORT_ORDER = Comparator.comparingInt(ODataValues::kindRank)
      .thenComparing((a, b) -> {
        Integer order = order(a, b);
        return order == null ? 0 : order;
      });

  private ODataValues() {}

  static Object at(JsonNode entity, List<String> path) {
    JsonNode node = entity;
    for (String name : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(name);
    }
    return of(node);
  }

  static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return NON_SCALAR;
  }

  static boolean compare(Operator operator, Object left, Object right) {
    return switch (operator) {
      case EQ -> equal(left, right);
      case NE -> !equal(left, right);
      default -> {
        Integer order = order(left, right);
        // OData: an ordering comparison with null, or between unrelated kinds, is false.
        yield order != null && switch (operator) {
          case GT -> order > 0;
          case GE -> order >= 0;
          case LT -> order < 0;
          case LE -> order <= 0;
          default -> throw new IllegalStateException(operator.name());
        };
      }
    };
  }

  private static boolean equal(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    Integer order = order(left, right);
    return order != null && order == 0;
  }

  /** The order of two values of comparable kinds, or null when they cannot be compared. */
  static Integer order(Object left, Object right) {
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return a.compareTo(b);
    }
    if (left instanceof String a && right instanceof String b) {
      return a.compareTo(b);
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return a.compareTo(b);
    }
    if (left instanceof OffsetDateTime || right instanceof OffsetDateTime) {
      OffsetDateTime a = asDateTime(left);
      OffsetDateTime b = asDateTime(right);
      return a == null || b == null ? null : a.toInstant().compareTo(b.toInstant());
    }
    return null;
  }

  /** Stored dates are ISO-8601 strings; compare them as instants against a date-time literal. */
  private static OffsetDateTime asDateTime(Object value) {
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime;
    }
    if (value instanceof String text) {
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static int kindRank(Object value) {
    if (value == null) {
      return 0;
    }
    return switch (value) {
      case Boolean b -> 1;
      case BigDecimal n -> 2;
      case OffsetDateTime d -> 3;
      case String s -> 4;
      default -> 5;
    };
  }
}
