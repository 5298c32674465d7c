package com.rdploomes.simulator.api;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.fixture.Fixture;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only sets of the fixture account (Account, Users, Fields, Deals@Pipelines, …), one
 * mapping for all so that a set added to the fixture file is served without code.
 */
@RestController
class FixtureSetsController {

  private final Fixture fixture;
  private final ODataResponder responder;

  FixtureSetsController(Fixture fixture, ODataResponder responder) {
    this.fixture = fixture;
    this.responder = responder;
  }

  @GetMapping("/{set}")
  ObjectNode list(@PathVariable String set, HttpServletRequest request) {
    return responder.collection(request, set, fixture.set(set).orElseThrow(() -> SimulatorException.notFound(
        "No entity set /" + set + " in the simulator; fixture sets: " + fixture.setNames())));
  }
}
