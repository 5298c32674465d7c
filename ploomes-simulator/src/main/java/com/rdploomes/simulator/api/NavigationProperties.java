package com.rdploomes.simulator.api;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The navigation properties of each entity set. OData serves them only when {@code $expand} names
 * them (ploomes-api.md §2, §7: clients ask for {@code $expand=Phones,OtherProperties}), so a client
 * that forgets the {@code $expand} sees what it would see against Ploomes: no phones, no custom
 * fields, no stages. The store keeps them inline; only the answers leave them out. A contact's
 * {@code Deals} are not stored with it but computed ({@link ContactDeals}); they are listed here so
 * that a {@code Deals} array a client wrote into a contact is never served as if it were them.
 */
final class NavigationProperties {

  private static final Map<String, Set<String>> BY_SET = Map.of(
      "Contacts", Set.of("Phones", "OtherProperties", ContactDeals.PROPERTY),
      "Deals", Set.of("OtherProperties"),
      "Deals@Pipelines", Set.of("Stages"),
      "Fields", Set.of("Type", "OptionsTable"));

  private NavigationProperties() {}

  /** Removes, in place, the navigation properties of {@code set} that {@code expand} does not name. */
  static ObjectNode unlessExpanded(String set, ObjectNode entity, Set<String> expand) {
    for (String property : BY_SET.getOrDefault(set, Set.of())) {
      if (!expand.contains(property)) {
        entity.remove(property);
      }
    }
    return entity;
  }
}
