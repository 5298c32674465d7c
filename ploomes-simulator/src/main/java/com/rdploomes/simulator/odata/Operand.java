package com.rdploomes.simulator.odata;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One side of a comparison: a literal, a property of the entity, or a function call. */
sealed interface Operand {

  Object valueIn(JsonNode entity);

  record Literal(Object value) implements Operand {
    @Override
    public Object valueIn(JsonNode entity) {
      return value;
    }
  }

  /** A property, by path: {@code Email} is [Email], {@code Type/NativeType} is [Type, NativeType]. */
  record Property(List<String> path) implements Operand {
    @Override
    public Object valueIn(JsonNode entity) {
      return ODataValues.at(entity, path);
    }
  }

  record Call(Function function, List<Operand> args) implements Operand {
    @Override
    public Object valueIn(JsonNode entity) {
      return function.apply(args.stream().map(arg -> arg.valueIn(entity)).toList());
    }
  }
}
