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

/** Notes on a contact's (and deal's) timeline. GET exists so tests can read what was written. */
@RestController
class InteractionRecordsController {

  private static final String SET = "InteractionRecords";

  private final EntitySet records;
  private final EntityRules rules;
  private final ODataResponder responder;

  InteractionRecordsController(EntityStore store, EntityRules rules, ODataResponder responder) {
    this.records = store.interactionRecords();
    this.rules = rules;
    this.responder = responder;
  }

  @GetMapping("/InteractionRecords")
  ObjectNode list(HttpServletRequest request) {
    return responder.collection(request, SET, records.all());
  }

  @PostMapping("/InteractionRecords")
  ObjectNode create(@RequestBody JsonNode body, HttpServletRequest request) {
    ObjectNode created = records.add(rules.newInteractionRecord(ODataResponder.object(body)));
    return responder.single(request, SET, created);
  }
}
