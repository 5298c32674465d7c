package com.rdploomes.simulator.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One $orderby term: a property path and a direction. */
public record OrderBy(List<String> path, boolean descending) {

  /** Parses {@code Prop [asc|desc], Other desc}. */
  static List<OrderBy> parseList(String text) {
    List<OrderBy> terms = new ArrayList<>();
    for (String term : text.split(",", -1)) {
      String[] words = term.strip().split("\\s+");
      if (words.length == 0 || words[0].isEmpty() || words.length > 2
          || !words[0].matches("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*")) {
        throw new ODataSyntaxException("Invalid $orderby term '" + term.strip()
            + "': expected a property name, optionally followed by asc or desc");
      }
      boolean descending = false;
      if (words.length == 2) {
        switch (words[1]) {
          case "asc" -> descending = false;
          case "desc" -> descending = true;
          default -> throw new ODataSyntaxException("Invalid $orderby term '" + term.strip()
              + "': the direction must be asc or desc, not '" + words[1] + "'");
        }
      }
      terms.add(new OrderBy(List.of(words[0].split("/")), descending));
    }
    return List.copyOf(terms);
  }

  Comparator<JsonNode> comparator() {
    Comparator<JsonNode> ascending = Comparator.comparing(entity -> ODataValues.at(entity, path),
        ODataValues.SORT_ORDER);
    return descending ? ascending.reversed() : ascending;
  }
}
