package com.rdploomes.simulator.api;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.odata.QueryOptions;
import com.rdploomes.simulator.store.EntityRules;
import com.rdploomes.simulator.store.EntitySet;
import com.rdploomes.simulator.store.EntityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.UnaryOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
class ContactsController {

  private static final String SET = "Contacts";

  private final EntitySet contacts;
  private final EntityRules rules;
  private final ODataResponder responder;
  private final ContactDeals deals;

  ContactsController(EntityStore store, EntityRules rules, ODataResponder responder, ContactDeals deals) {
    this.contacts = store.contacts();
    this.rules = rules;
    this.responder = responder;
    this.deals = deals;
  }

  @GetMapping("/Contacts")
  ObjectNode list(HttpServletRequest request) {
    return responder.collection(request, SET, contacts.all(), deals::expander);
  }

  @PostMapping("/Contacts")
  ObjectNode create(@RequestBody JsonNode body, HttpServletRequest request) {
    UnaryOperator<ObjectNode> expand = deals.expander(QueryOptions.from(request::getParameter));
    ObjectNode created = contacts.add(rules.newContact(ODataResponder.object(body)));
    return responder.single(request, SET, created, expand);
  }

  @PatchMapping("/Contacts({id})")
  ObjectNode update(@PathVariable long id, @RequestBody JsonNode body, HttpServletRequest request) {
    UnaryOperator<ObjectNode> expand = deals.expander(QueryOptions.from(request::getParameter));
    ObjectNode changes = rules.contactChanges(ODataResponder.object(body));
    ObjectNode updated = contacts.merge(id, changes)
        .orElseThrow(() -> SimulatorException.notFound("No contact with Id " + id));
    return responder.single(request, SET, updated, expand);
  }
}
