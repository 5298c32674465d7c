package com.rdploomes.simulator.odata;

import tools.jackson.databind.JsonNode;

/** A parsed $filter: a tree of boolean nodes that tests one stored entity. */
public sealed interface Filter {

  boolean test(JsonNode entity);

  /** Parses a $filter; throws {@link ODataSyntaxException} naming the position of the problem. */
  static Filter parse(String text) {
    return FilterParser.parse(text);
  }

  record Or(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(JsonNode entity) {
      return left.test(entity) || right.test(entity);
    }
  }

  record And(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(JsonNode entity) {
      return left.test(entity) && right.test(entity);
    }
  }

  record Not(Filter inner) implements Filter {
    @Override
    public boolean test(JsonNode entity) {
      return !inner.test(entity);
    }
  }

  record Comparison(Operand left, Operator operator, Operand right) implements Filter {
    @Override
    public boolean test(JsonNode entity) {
      return ODataValues.compare(operator, left.valueIn(entity), right.valueIn(entity));
    }
  }

  /** A boolean operand on its own, such as {@code contains(Name,'x')} or {@code Dynamic}. */
  record IsTrue(Operand operand) implements Filter {
    @Override
    public boolean test(JsonNode entity) {
      return Boolean.TRUE.equals(operand.valueIn(entity));
    }
  }
}
