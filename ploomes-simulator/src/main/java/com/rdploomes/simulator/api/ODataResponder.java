package com.rdploomes.simulator.api;

import com.rdploomes.simulator.error.SimulatorException;
import com.rdploomes.simulator.odata.QueryOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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

  /** Navigation properties computed per answered entity (a contact's Deals), chosen by the options. */
  static final Function<QueryOptions, UnaryOperator<ObjectNode>> NOTHING_COMPUTED =
      options -> UnaryOperator.identity();

  ObjectNode collection(HttpServletRequest request, String setName, List<ObjectNode> entities) {
    return collection(request, setName, entities, NOTHING_COMPUTED);
  }

  /** @param computed adds computed navigation properties to an entity before it is projected */
  ObjectNode collection(HttpServletRequest request, String setName, List<ObjectNode> entities,
      Function<QueryOptions, UnaryOperator<ObjectNode>> computed) {
    QueryOptions options = QueryOptions.from(request::getParameter);
    UnaryOperator<ObjectNode> expand = computed.apply(options);
    ObjectNode envelope = envelope(request, setName);
    if (options.count()) {
      envelope.put("@odata.count", options.matching(entities).size());
    }
    ArrayNode value = envelope.putArray("value");
    options.page(entities).forEach(entity -> value.add(NavigationProperties.unlessExpanded(setName,
        options.project(expand.apply(entity.deepCopy())), options.expanded())));
    return envelope;
  }

  ObjectNode single(HttpServletRequest request, String setName, ObjectNode entity) {
    return single(request, setName, entity, UnaryOperator.identity());
  }

  /** @param computed adds computed navigation properties, chosen before the write so a refusal writes nothing */
  ObjectNode single(HttpServletRequest request, String setName, ObjectNode entity, UnaryOperator<ObjectNode> computed) {
    QueryOptions options = QueryOptions.from(request::getParameter);
    ObjectNode envelope = envelope(request, setName);
    envelope.putArray("value").add(NavigationProperties.unlessExpanded(setName,
        options.project(computed.apply(entity.deepCopy())), options.expanded()));
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
