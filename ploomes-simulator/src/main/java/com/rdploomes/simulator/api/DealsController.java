package com.rdploomes.simulator.api;

import com.rdploomes.simulator.store.EntityRules;
import com.rdploomes.simulator.store.EntitySet;
import com.rdploomes.simulator.store.EntityStore;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
class DealsController {

  private static final String SET = "Deals";

  private final EntitySet deals;
  private final EntityRules rules;
  private final ODataResponder responder;

  DealsController(EntityStore store, EntityRules rules, ODataResponder responder) {
    this.deals = store.deals();
    this.rules = rules;
    this.responder = responder;
  }

  @GetMapping("/Deals")
  ObjectNode list(HttpServletRequest request) {
    return responder.collection(request, SET, deals.all());
  }

  @PostMapping("/Deals")
  ObjectNode create(@RequestBody JsonNode body, HttpServletRequest request) {
    ObjectNode created = deals.add(rules.newDeal(ODataResponder.object(body)));
    return responder.single(request, SET, created);
  }
}
