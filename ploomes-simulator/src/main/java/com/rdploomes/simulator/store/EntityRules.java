package com.rdploomes.simulator.store;

import static com.rdploomes.simulator.error.SimulatorException.badRequest;

import com.rdploomes.simulator.fixture.Fixture;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * What a write must carry and what the server adds, per entity set. The checks are the ones that
 * catch real client bugs (ploomes-api.md §9): a missing required field, a stage of another
 * pipeline, an owner that is not a user, a custom field key of the wrong entity or not of this
 * account. The real API's exact checks and messages are unknown; answers are 400 with a message
 * that says what is wrong.
 */
@Component
public class EntityRules {

  /** Fields.EntityId of contacts and deals (S-FLD: 1 Cliente, 2 Negócio). */
  static final int CONTACT_ENTITY = 1;
  static final int DEAL_ENTITY = 2;
  static final long OPEN_STATUS = 1;

  private static final List<String> VALUE_PROPERTIES =
      List.of("StringValue", "BigStringValue", "IntegerValue", "DecimalValue", "DateTimeValue", "BoolValue");
  private static final List<String> READ_ONLY = List.of("Id", "CreateDate", "LastUpdateDate");

  private final Fixture fixture;
  private final PloomesTime time;

  public EntityRules(Fixture fixture, PloomesTime time) {
    this.fixture = fixture;
    this.time = time;
  }

  public ObjectNode newContact(ObjectNode body) {
    requireText(body, "Name");
    checkCommon(body, CONTACT_ENTITY, "Contacts");
    ObjectNode contact = withoutReadOnly(body);
    String now = time.now();
    contact.put("CreateDate", now);
    contact.put("LastUpdateDate", now);
    return contact;
  }

  /** A PATCH: only what is sent changes; arrays sent replace the stored ones (semantics unconfirmed). */
  public ObjectNode contactChanges(ObjectNode body) {
    if (body.has("Name")) {
      requireText(body, "Name");
    }
    checkCommon(body, CONTACT_ENTITY, "Contacts");
    ObjectNode changes = withoutReadOnly(body);
    changes.put("LastUpdateDate", time.now());
    return changes;
  }

  public ObjectNode newDeal(ObjectNode body) {
    requireText(body, "Title");
    requireInteger(body, "ContactId");
    checkCommon(body, DEAL_ENTITY, "Deals");
    ObjectNode deal = withoutReadOnly(body);
    placeInStage(deal);
    Long status = optionalInteger(body, "StatusId");
    if (status == null) {
      deal.put("StatusId", OPEN_STATUS);
    } else if (fixture.dealStatus(status).isEmpty()) {
      throw badRequest("StatusId " + status + " is not a deal status of this account (see GET /Deals@Status)");
    }
    String now = time.now();
    deal.put("CreateDate", now);
    deal.put("LastUpdateDate", now);
    return deal;
  }

  public ObjectNode newInteractionRecord(ObjectNode body) {
    requireInteger(body, "ContactId");
    requireText(body, "Content");
    optionalInteger(body, "DealId");
    ObjectNode record = withoutReadOnly(body);
    String now = time.now();
    if (!record.hasNonNull("Date")) {
      record.put("Date", now);
    }
    record.put("CreateDate", now);
    return record;
  }

  /**
   * The stage must exist and belong to the pipeline when both are given; the pipeline follows from
   * the stage; without a stage the deal lands in the first stage of its (or the first) pipeline.
   */
  private void placeInStage(ObjectNode deal) {
    Long pipelineId = optionalInteger(deal, "PipelineId");
    Long stageId = optionalInteger(deal, "StageId");
    if (pipelineId != null && fixture.pipeline(pipelineId).isEmpty()) {
      throw badRequest("PipelineId " + pipelineId + " is not a pipeline of this account (see GET /Deals@Pipelines)");
    }
    if (stageId != null) {
      ObjectNode stage = fixture.stage(stageId).orElseThrow(() -> badRequest(
          "StageId " + stageId + " is not a stage of this account (see GET /Deals@Stages)"));
      long stagePipeline = stage.path("PipelineId").asLong();
      if (pipelineId != null && pipelineId != stagePipeline) {
        throw badRequest("StageId " + stageId + " belongs to pipeline " + stagePipeline + ", not to PipelineId "
            + pipelineId);
      }
      deal.put("PipelineId", stagePipeline);
      return;
    }
    long pipeline = pipelineId != null ? pipelineId
        : fixture.firstPipeline().map(p -> p.path("Id").asLong())
            .orElseThrow(() -> badRequest("The account has no pipeline to put the deal in"));
    ObjectNode first = fixture.firstStage(pipeline)
        .orElseThrow(() -> badRequest("Pipeline " + pipeline + " has no stage to put the deal in"));
    deal.put("PipelineId", pipeline);
    deal.put("StageId", first.path("Id").asLong());
  }

  private void checkCommon(ObjectNode body, int entityId, String setName) {
    Long owner = optionalInteger(body, "OwnerId");
    if (owner != null && fixture.user(owner).isEmpty()) {
      throw badRequest("OwnerId " + owner + " is not a user of this account (see GET /Users)");
    }
    checkOtherProperties(body, entityId, setName);
  }

  private void checkOtherProperties(ObjectNode body, int entityId, String setName) {
    JsonNode properties = body.get("OtherProperties");
    if (properties == null || properties.isNull()) {
      return;
    }
    if (!properties.isArray()) {
      throw badRequest("OtherProperties must be an array");
    }
    for (int i = 0; i < properties.size(); i++) {
      JsonNode property = properties.get(i);
      String where = "OtherProperties[" + i + "]";
      if (!property.isObject() || !property.path("FieldKey").isString()) {
        throw badRequest(where + " must be an object with a FieldKey");
      }
      String key = property.get("FieldKey").stringValue();
      ObjectNode field = fixture.field(key).orElseThrow(() -> badRequest(
          where + ": FieldKey '" + key + "' is not a field of this account (see GET /Fields)"));
      int fieldEntity = field.path("EntityId").asInt();
      if (fieldEntity != entityId) {
        throw badRequest(where + ": field '" + key + "' (" + field.path("Name").asString("") + ") belongs to EntityId "
            + fieldEntity + ", not to " + setName + " (EntityId " + entityId + ")");
      }
      if (VALUE_PROPERTIES.stream().noneMatch(property::has)) {
        throw badRequest(where + ": field '" + key + "' needs a value property, one of " + VALUE_PROPERTIES);
      }
    }
  }

  private static ObjectNode withoutReadOnly(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove(READ_ONLY);
    return copy;
  }

  private static void requireText(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || !value.isString() || value.stringValue().isBlank()) {
      throw badRequest(name + " is required and must be a non-empty string");
    }
  }

  private static void requireInteger(ObjectNode body, String name) {
    if (optionalInteger(body, name) == null) {
      throw badRequest(name + " is required and must be an integer");
    }
  }

  private static Long optionalInteger(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw badRequest(name + " must be an integer, not " + value);
    }
    return value.longValue();
  }
}
