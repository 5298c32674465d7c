package com.rdploomes.simulator.api;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.gate.SettingsHolder;
import com.rdploomes.simulator.odata.QueryOptions;
import com.rdploomes.simulator.store.EntitySet;
import com.rdploomes.simulator.store.EntityStore;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contact's {@code Deals}: the deals whose {@code ContactId} is the contact, computed from the deal
 * store when {@code $expand} names them, with the expansion's own {@code $filter}, {@code $orderby},
 * {@code $top}, {@code $skip}, {@code $select} and {@code $expand}. A deal that only names the contact
 * as its {@code PersonId} is not among them, as in Ploomes, where that navigation property follows
 * {@code ContactId}. Ploomes' documentation does not confirm the property; the {@code contactDeals}
 * setting turns it off to show what a client sees when it is missing.
 */
@Component
class ContactDeals {

  static final String PROPERTY = "Deals";

  private final EntitySet deals;
  private final SettingsHolder settings;

  ContactDeals(EntityStore store, SettingsHolder settings) {
    this.deals = store.deals();
    this.settings = settings;
  }

  /**
   * What to add to each contact answered with these options; refuses, before any contact is read, an
   * expansion the current settings say Ploomes does not know.
   */
  UnaryOperator<ObjectNode> expander(QueryOptions options) {
    QueryOptions nested = options.expand().get(PROPERTY);
    if (nested == null) {
      return UnaryOperator.identity();
    }
    if (!settings.current().contactDeals()) {
      throw SimulatorException.badRequest("Could not find a property named '" + PROPERTY + "' on type 'Contact'");
    }
    List<ObjectNode> all = deals.all();
    return contact -> {
      JsonNode id = contact.get("Id");
      List<ObjectNode> own = all.stream()
          .filter(deal -> id != null && id.isIntegralNumber() && deal.path("ContactId").isIntegralNumber()
              && deal.path("ContactId").asLong() == id.asLong())
          .toList();
      ArrayNode value = contact.putArray(PROPERTY);
      nested.apply(own).forEach(deal ->
          value.add(NavigationProperties.unlessExpanded("Deals", deal, nested.expanded())));
      return contact;
    };
  }
}
