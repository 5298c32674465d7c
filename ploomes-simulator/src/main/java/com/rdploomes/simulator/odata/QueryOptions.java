package com.rdploomes.simulator.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * @param expand  the $expand property names, each with its nested options ({@code Deals($top=1)}; no
 *                options when none were given). Collections stored inline only need expanding
 *                together with $select, where it keeps those properties too; computed ones (a
 *                contact's Deals) apply their nested options
 * @param count   whether $count=true asked for {@code @odata.count}
 */
public record QueryOptions(Filter filter, List<OrderBy> orderBy, int skip, Integer top, Set<String> select,
    Map<String, QueryOptions> expand, boolean count) {

  /** No option at all: every entity, every property. */
  public static final QueryOptions NONE = new QueryOptions(null, List.of(), 0, null, null, Map.of(), false);

  /** The options OData allows inside an $expand item's parentheses, separated by ';'. */
  private static final Set<String> NESTED_OPTIONS =
      Set.of("$filter", "$orderby", "$select", "$expand", "$top", "$skip", "$count");

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
        isBlank(expand) ? Map.of() : expanded(expand),
        "true".equals(count));
  }

  /** Filter, order, skip and take; the entities given are not changed, the answer holds projections. */
  public List<ObjectNode> apply(List<ObjectNode> entities) {
    return page(entities).stream().map(this::project).toList();
  }

  /** Filter, order, skip and take, without projecting: the very entities given, so a caller can add to them. */
  public List<ObjectNode> page(List<ObjectNode> entities) {
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
    return rows.toList();
  }

  /** The names $expand gives, without their nested options. */
  public Set<String> expanded() {
    return expand.keySet();
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
      kept.addAll(expand.keySet());
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

  /**
   * {@code Phones,Owner($select=Id,Name),Deals($top=1;$filter=StatusId eq 1)} → Phones, Owner and
   * Deals with their nested options, parsed like top-level ones (a bad one is a 400).
   */
  private static Map<String, QueryOptions> expanded(String expand) {
    Map<String, QueryOptions> items = new LinkedHashMap<>();
    for (String item : splitTopLevel(expand, ',')) {
      String text = item.strip();
      if (text.isEmpty()) {
        continue;
      }
      int open = text.indexOf('(');
      String name = (open < 0 ? text : text.substring(0, open)).strip().split("/")[0];
      QueryOptions nested = NONE;
      if (open >= 0) {
        if (!text.endsWith(")")) {
          throw new ODataSyntaxException("Invalid $expand item '" + text + "': its options are not closed with ')'");
        }
        nested = nested(name, text.substring(open + 1, text.length() - 1));
      }
      items.put(name, nested);
    }
    return Map.copyOf(items);
  }

  private static QueryOptions nested(String name, String options) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String option : splitTopLevel(options, ';')) {
      if (option.isBlank()) {
        continue;
      }
      int eq = option.indexOf('=');
      String key = eq < 0 ? option.strip() : option.substring(0, eq).strip();
      if (eq < 0 || !NESTED_OPTIONS.contains(key)) {
        throw new ODataSyntaxException("Invalid option '" + option.strip() + "' in $expand of " + name
            + ": expected some of " + NESTED_OPTIONS + " as $option=value, separated by ';'");
      }
      values.put(key, option.substring(eq + 1));
    }
    return from(values::get);
  }

  /** Splits on {@code separator} outside parentheses and outside '…' literals ('' is a quote inside one). */
  private static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder part = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == separator) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.append(c);
    }
    parts.add(part.toString());
    return parts;
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
