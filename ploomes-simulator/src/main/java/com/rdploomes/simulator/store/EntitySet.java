package com.rdploomes.simulator.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One writable entity set, in memory. Ids come from a counter that starts at a Ploomes-sized
 * number and is never rewound, even by a reset, so an id a client cached before the reset cannot
 * silently point at a different entity after it. Thread-safe by locking the set: a simulator does
 * not need more, and every read is a consistent snapshot.
 */
public final class EntitySet {

  private final String name;
  private final Map<Long, ObjectNode> entities = new LinkedHashMap<>();
  private long nextId;

  EntitySet(String name, long firstId) {
    this.name = name;
    this.nextId = firstId;
  }

  public String name() {
    return name;
  }

  /** Stores a copy with a new {@code Id} (any Id sent is replaced) and returns a copy of it. */
  public synchronized ObjectNode add(ObjectNode entity) {
    long id = nextId++;
    ObjectNode stored = entity.objectNode();
    stored.put("Id", id);
    for (Map.Entry<String, JsonNode> property : entity.properties()) {
      if (!property.getKey().equals("Id")) {
        stored.set(property.getKey(), property.getValue().deepCopy());
      }
    }
    entities.put(id, stored);
    return stored.deepCopy();
  }

  /** Replaces the given top-level properties (the Id stays); empty when there is no such entity. */
  public synchronized Optional<ObjectNode> merge(long id, ObjectNode changes) {
    ObjectNode stored = entities.get(id);
    if (stored == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> property : changes.properties()) {
      if (!property.getKey().equals("Id")) {
        stored.set(property.getKey(), property.getValue().deepCopy());
      }
    }
    return Optional.of(stored.deepCopy());
  }

  public synchronized Optional<ObjectNode> find(long id) {
    return Optional.ofNullable(entities.get(id)).map(ObjectNode::deepCopy);
  }

  /** Copies of every entity, in ascending Id order. */
  public synchronized List<ObjectNode> all() {
    List<ObjectNode> copies = new ArrayList<>(entities.size());
    entities.values().forEach(entity -> copies.add(entity.deepCopy()));
    return copies;
  }

  public synchronized void clear() {
    entities.clear();
  }
}
