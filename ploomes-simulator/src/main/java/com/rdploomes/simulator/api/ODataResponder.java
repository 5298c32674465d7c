package com.rdploomes.simulator.api;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.odata.QueryOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OData envelope every Ploomes answer uses, {@code {"@odata.context":…,"value":[…]}},
 * applying the request's query options. A created or updated entity is answered the same way,
 * alone in {@code value[0]}, shaped by $select/$expand (ploomes-api.md §7).
 */
@Component
class ODataResponder {

  ObjectNode collection(HttpServletRequest request, String setName, List<ObjectNode> entities) {
    QueryOptions options = QueryOptions.from(request::getParameter);
    ObjectNode envelope = envelope(request, setName);
    if (options.count()) {
      envelope.put("@odata.count", options.matching(entities).size());
    }
    ArrayNode value = envelope.putArray("value");
    options.apply(entities).forEach(entity ->
        value.add(NavigationProperties.unlessExpanded(setName, entity, options.expand())));
    return envelope;
  }

  ObjectNode single(HttpServletRequest request, String setName, ObjectNode entity) {
    QueryOptions options = QueryOptions.from(request::getParameter);
    ObjectNode envelope = envelope(request, setName);
    envelope.putArray("value").add(
        NavigationProperties.unlessExpanded(setName, options.project(entity), options.expand()));
    return envelope;
  }

  /** Write bodies must be JSON objects; anything else is the client's mistake. */
  static ObjectNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw SimulatorException.badRequest("The request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private static ObjectNode envelope(HttpServletRequest request, String setName) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    String root = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    envelope.put("@odata.context", root + "/$metadata#" + setName);
    return envelope;
  }
}
