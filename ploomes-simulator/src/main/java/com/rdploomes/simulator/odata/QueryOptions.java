package com.rdploomes.simulator.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OData system query options of one request, parsed, and how they shape a collection.
 *
 * @param filter  the $filter, or null for all entities
 * @param orderBy the $orderby terms; empty keeps the store's order (ascending Id)
 * @param skip    the $skip, 0 when absent
 * @param top     the $top, or null for no limit
 * @param select  the $select property names, or null for all properties
 * @param expand  the $expand property names; nested collections are stored inline, so expanding
 *                only matters together with $select, where it keeps those properties too
 * @param count   whether $count=true asked for {@code @odata.count}
 */
public record QueryOptions(Filter filter, List<OrderBy> orderBy, int skip, Integer top, Set<String> select,
    Set<String> expand, boolean count) {

  /** Reads the options through a parameter lookup, e.g. {@code request::getParameter}. */
  public static QueryOptions from(UnaryOperator<String> parameter) {
    String filter = parameter.apply("$filter");
    String orderBy = parameter.apply("$orderby");
    String select = parameter.apply("$select");
    String expand = parameter.apply("$expand");
    String count = parameter.apply("$count");
    return new QueryOptions(
        isBlank(filter) ? null : Filter.parse(filter),
        isBlank(orderBy) ? List.of() : OrderBy.parseList(orderBy),
        nonNegative("$skip", parameter.apply("$skip"), 0),
        nonNegative("$top", parameter.apply("$top"), null),
        isBlank(select) || select.strip().equals("*") ? null : names(select),
        isBlank(expand) ? Set.of() : expandedNames(expand),
        "true".equals(count));
  }

  /** Filter, order, skip and take; the entities given are not changed, the answer holds projections. */
  public List<ObjectNode> apply(List<ObjectNode> entities) {
    Stream<ObjectNode> rows = matching(entities).stream();
    if (!orderBy.isEmpty()) {
      Comparator<JsonNode> order = orderBy.getFirst().comparator();
      for (OrderBy term : orderBy.subList(1, orderBy.size())) {
        order = order.thenComparing(term.comparator());
      }
      rows = rows.sorted(order);
    }
    rows = rows.skip(skip);
    if (top != null) {
      rows = rows.limit(top);
    }
    return rows.map(this::project).toList();
  }

  /** The entities the $filter keeps, in the given order: what {@code @odata.count} counts. */
  public List<ObjectNode> matching(List<ObjectNode> entities) {
    return filter == null ? entities : entities.stream().filter(filter::test).toList();
  }

  /** A copy holding only the $select-ed and $expand-ed properties (all of them without $select). */
  public ObjectNode project(ObjectNode entity) {
    ObjectNode copy = entity.deepCopy();
    if (select != null) {
      Set<String> kept = new LinkedHashSet<>(select);
      kept.addAll(expand);
      copy.retain(kept);
    }
    return copy;
  }

  private static Set<String> names(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    return Set.copyOf(names);
  }

  /** {@code Phones,Owner($select=Id,Name)} → Phones, Owner: top-level commas only. */
  private static Set<String> expandedNames(String expand) {
    List<String> names = new ArrayList<>();
    int depth = 0;
    StringBuilder name = new StringBuilder();
    for (char c : expand.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        names.add(name.toString());
        name.setLength(0);
      } else if (depth == 0) {
        name.append(c);
      }
    }
    names.add(name.toString());
    return Set.copyOf(names.stream().map(String::strip).filter(n -> !n.isEmpty())
        .map(n -> n.split("/")[0]).toList());
  }

  private static Integer nonNegative(String option, String value, Integer absent) {
    if (isBlank(value)) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ODataSyntaxException("Invalid " + option + " '" + value + "': expected a non-negative integer");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
