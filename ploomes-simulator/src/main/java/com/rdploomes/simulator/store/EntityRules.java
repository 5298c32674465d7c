package com.rdploomes.simulator.store;

import static com.rdploomes.simulator.error.SimulatorException.badRequest;

import com.rdploomes.simulator.fixture.Fixture;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
    checkPhones(body);
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
    checkPhones(body);
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
      if (!field.path("Dynamic").asBoolean(true)) {
        throw badRequest(where + ": field '" + key + "' is a native field; send it as a property of the entity, "
            + "not in OtherProperties");
      }
      if (VALUE_PROPERTIES.stream().noneMatch(property::has)) {
        throw badRequest(where + ": field '" + key + "' needs a value property, one of " + VALUE_PROPERTIES);
      }
      checkValue(where, key, field, property);
    }
  }

  /**
   * The value property is named after the field's native type (ploomes-api.md §3.1) and holds a value
   * of that type; an option-list field takes IntegerValue = one of its table's option Ids. The real
   * API's answer to a mismatch is unknown; refusing it here makes a client bug fail in tests.
   */
  private void checkValue(String where, String key, ObjectNode field, JsonNode property) {
    long optionsTable = field.path("OptionsTableId").asLong(0);
    String nativeType = field.path("Type").path("NativeType").asString("");
    String expected = optionsTable > 0 ? "IntegerValue" : switch (nativeType) {
      case "Bool", "Boolean" -> "BoolValue";
      case "" -> null;
      default -> nativeType + "Value";
    };
    if (expected == null) {
      return; // a fixture field without a Type: any value property goes
    }
    for (String name : VALUE_PROPERTIES) {
      if (property.has(name) && !name.equals(expected) && !property.get(name).isNull()) {
        throw badRequest(where + ": field '" + key + "' (" + field.path("Name").asString("") + ") is "
            + (optionsTable > 0 ? "an option list" : nativeType) + " and takes " + expected + ", not " + name);
      }
    }
    JsonNode value = property.get(expected);
    if (value == null || value.isNull()) {
      throw badRequest(where + ": field '" + key + "' needs " + expected);
    }
    boolean valid = switch (expected) {
      case "StringValue", "BigStringValue" -> value.isString();
      case "IntegerValue" -> value.isIntegralNumber();
      case "DecimalValue" -> value.isNumber();
      case "BoolValue" -> value.isBoolean();
      case "DateTimeValue" -> value.isString() && isDateTime(value.stringValue());
      default -> true;
    };
    if (!valid) {
      throw badRequest(where + ": " + expected + " of field '" + key + "' has the wrong type: " + value);
    }
    if (optionsTable > 0) {
      long option = value.longValue();
      List<ObjectNode> options = fixture.options(optionsTable);
      if (options.stream().noneMatch(o -> o.path("Id").asLong() == option)) {
        throw badRequest(where + ": " + option + " is not an option of field '" + key + "' (table " + optionsTable
            + "; options: " + options.stream().map(o -> o.path("Id").asLong() + " " + o.path("Name").asString(""))
                .toList() + ")");
      }
    }
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Phones: a PhoneNumber, and a TypeId that is one of the account's phone types when one is sent. */
  private void checkPhones(ObjectNode body) {
    JsonNode phones = body.get("Phones");
    if (phones == null || phones.isNull()) {
      return;
    }
    if (!phones.isArray()) {
      throw badRequest("Phones must be an array");
    }
    for (int i = 0; i < phones.size(); i++) {
      JsonNode phone = phones.get(i);
      String where = "Phones[" + i + "]";
      if (!phone.isObject() || !phone.path("PhoneNumber").isString() || phone.get("PhoneNumber").stringValue().isBlank()) {
        throw badRequest(where + " must be an object with a non-empty PhoneNumber");
      }
      JsonNode type = phone.get("TypeId");
      if (type != null && !type.isNull()) {
        if (!type.isIntegralNumber() || fixture.phoneType(type.longValue()).isEmpty()) {
          throw badRequest(where + ": TypeId " + type + " is not a phone type of this account (see GET /PhoneTypes)");
        }
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
