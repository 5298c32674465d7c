package com.rdploomes.worker.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.rdploomes.worker.mapping.Entity;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.mapping.FieldType;
import com.rdploomes.worker.mapping.MappedField;
import com.rdploomes.worker.ploomes.PloomesClient;
import com.rdploomes.worker.ploomes.PloomesProperties;

import tools.jackson.databind.JsonNode;

/**
 * Reads the Ploomes account and checks the configuration against it before any conversion is taken
 * (ploomes-api.md §10.1): the pipeline exists, the stage belongs to it, the owner is a user, the phone
 * types exist, and every mapped FieldKey is a custom field of its entity with the mapping's type (and,
 * for an option list, options of its table). Every problem is collected, so one start shows them all.
 * Calls: Deals@Pipelines with its Stages, Users (when an owner is set), PhoneTypes, Fields (when fields are
 * mapped) and one options table per Select field.
 */
public class PloomesAccountCheck {

    /** How many valid values a message lists before "… and N more". */
    static final int LISTED = 30;

    private final PloomesClient ploomes;
    private final PloomesProperties properties;
    private final AccountCheckProperties check;
    private final FieldMapping mapping;
    private final Clock clock;

    public PloomesAccountCheck(PloomesClient ploomes, PloomesProperties properties, AccountCheckProperties check,
                               FieldMapping mapping, Clock clock) {
        this.ploomes = ploomes;
        this.properties = properties;
        this.check = check;
        this.mapping = mapping;
        this.clock = clock;
    }

    /**
     * @throws AccountMisconfiguredException when the configuration does not match the account
     * @throws com.rdploomes.worker.ploomes.PloomesException when Ploomes could not be asked
     */
    public PloomesAccount run() {
        List<String> problems = new ArrayList<>();
        PloomesAccount.Named[] placement = placement(problems);
        PloomesAccount.Named owner = owner(problems);
        Integer[] phoneTypes = phoneTypes(problems);
        Map<String, String> fieldNames = fields(problems);
        if (!problems.isEmpty()) {
            throw new AccountMisconfiguredException(problems);
        }
        return new PloomesAccount(placement[0], placement[1], owner, phoneTypes[0], phoneTypes[1], fieldNames,
                clock.instant());
    }

    private PloomesAccount.Named[] placement(List<String> problems) {
        long pipelineId = properties.pipelineId();
        long stageId = properties.stageId();
        List<JsonNode> pipelines = ploomes.list("/Deals@Pipelines", query("$select", "Id,Name", "$expand", "Stages"));
        Optional<JsonNode> pipeline = byId(pipelines, pipelineId);
        if (pipeline.isEmpty()) {
            problems.add("PLOOMES_PIPELINE_ID=" + pipelineId + " is not a pipeline of this Ploomes account; pipelines: "
                    + listed(pipelines));
            return new PloomesAccount.Named[] {null, null};
        }
        List<JsonNode> stages = new ArrayList<>();
        pipeline.get().path("Stages").forEach(stages::add);
        Optional<JsonNode> stage = byId(stages, stageId);
        if (stage.isEmpty()) {
            String elsewhere = pipelines.stream()
                    .filter(p -> byId(iterable(p.path("Stages")), stageId).isPresent())
                    .findFirst()
                    .map(p -> " (it is a stage of pipeline " + named(p) + ")")
                    .orElse(" (it is not a stage of any pipeline of this account)");
            problems.add("PLOOMES_STAGE_ID=" + stageId + " is not a stage of pipeline " + named(pipeline.get())
                    + elsewhere + "; stages of " + pipelineId + ": " + listed(stages));
            return new PloomesAccount.Named[] {named(pipeline.get()), null};
        }
        return new PloomesAccount.Named[] {named(pipeline.get()), named(stage.get())};
    }

    private PloomesAccount.Named owner(List<String> problems) {
        Long ownerId = properties.dealOwnerId();
        if (ownerId == null) {
            return null;
        }
        String variable = properties.ownerId() != null ? "PLOOMES_OWNER_ID" : "PLOOMES_PERSON_ID";
        List<JsonNode> users = ploomes.list("/Users", query("$select", "Id,Name"));
        Optional<JsonNode> user = byId(users, ownerId);
        if (user.isEmpty()) {
            problems.add(variable + "=" + ownerId + " is not a user of this Ploomes account (the owner is a user, "
                    + "not a contact); users: " + listed(users));
            return null;
        }
        return named(user.get());
    }

    private Integer[] phoneTypes(List<String> problems) {
        List<JsonNode> types = ploomes.list("/PhoneTypes", query("$select", "Id,Name"));
        return new Integer[] {
            phoneType(types, "PLOOMES_PHONE_TYPE_MOBILE", check.phoneTypeMobile(), problems),
            phoneType(types, "PLOOMES_PHONE_TYPE_LANDLINE", check.phoneTypeLandline(), problems)};
    }

    private static Integer phoneType(List<JsonNode> types, String variable, String name, List<String> problems) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        Optional<JsonNode> type = types.stream()
                .filter(t -> t.path("Name").asString("").strip().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
        if (type.isEmpty()) {
            problems.add(variable + "='" + name + "' is not a phone type of this Ploomes account; phone types: "
                    + types.stream().map(t -> "'" + t.path("Name").asString("") + "'").collect(Collectors.joining(", "))
                    + " (an empty value sends phones without a type)");
            return null;
        }
        return type.get().path("Id").asInt();
    }

    private Map<String, String> fields(List<String> problems) {
        if (mapping.isEmpty()) {
            return Map.of();
        }
        List<JsonNode> fields = ploomes.list("/Fields", query(
                "$filter", "(EntityId eq 1 or EntityId eq 2) and Dynamic eq true",
                "$select", "Id,Key,Name,EntityId,TypeId,OptionsTableId",
                "$expand", "Type"));
        Map<String, JsonNode> byKey = new HashMap<>();
        fields.forEach(f -> byKey.put(f.path("Key").asString(""), f));
        Map<String, String> names = new LinkedHashMap<>();
        Map<Long, List<JsonNode>> optionTables = new HashMap<>();
        for (MappedField mapped : mapping.fields()) {
            String where = "field mapping " + mapping.source() + " " + mapped.where();
            JsonNode field = byKey.get(mapped.fieldKey());
            if (field == null || field.path("EntityId").asInt() != mapped.entity().ploomesEntityId()) {
                problems.add(where + ": FieldKey '" + mapped.fieldKey() + "' is not a custom " + mapped.entity().section()
                        + " field of this Ploomes account; custom " + mapped.entity().section() + " fields: "
                        + fieldList(fields, mapped.entity()));
                continue;
            }
            String name = field.path("Name").asString(mapped.fieldKey());
            names.put(mapped.fieldKey(), name);
            long table = field.path("OptionsTableId").asLong(0);
            Optional<FieldType> actual = FieldType.ofPloomesField(nativeType(field), table > 0);
            if (actual.isEmpty()) {
                problems.add(where + ": FieldKey '" + mapped.fieldKey() + "' (" + name + ") has Ploomes type '"
                        + nativeType(field) + "', which the worker cannot write");
            } else if (actual.get() != mapped.type()) {
                problems.add(where + ": FieldKey '" + mapped.fieldKey() + "' (" + name + ") is "
                        + actual.get().mappingName() + " in Ploomes but the mapping says " + mapped.type().mappingName()
                        + "; set type: " + actual.get().mappingName());
            } else if (mapped.type() == FieldType.SELECT) {
                List<JsonNode> options = optionTables.computeIfAbsent(table, id -> ploomes.list(
                        "/Fields@OptionsTables@Options", query("$filter", "TableId eq " + id, "$select", "Id,Name")));
                mapped.options().forEach((rdValue, optionId) -> {
                    if (byId(options, optionId).isEmpty()) {
                        problems.add(where + ": option '" + rdValue + "' → " + optionId + " is not an option of "
                                + mapped.fieldKey() + " (" + name + "); its options: " + listed(options));
                    }
                });
            }
        }
        return names;
    }

    private static String fieldList(List<JsonNode> fields, Entity entity) {
        List<String> described = fields.stream()
                .filter(f -> f.path("EntityId").asInt() == entity.ploomesEntityId())
                .map(f -> f.path("Key").asString("") + " (" + f.path("Name").asString("") + ", "
                        + FieldType.ofPloomesField(nativeType(f), f.path("OptionsTableId").asLong(0) > 0)
                                .map(FieldType::mappingName).orElse(nativeType(f)) + ")")
                .toList();
        return described.isEmpty() ? "none" : limited(described);
    }

    private static String nativeType(JsonNode field) {
        JsonNode type = field.path("Type").path("NativeType");
        return type.isString() ? type.stringValue() : null;
    }

    private static Optional<JsonNode> byId(List<JsonNode> entities, long id) {
        return entities.stream().filter(e -> e.path("Id").asLong(Long.MIN_VALUE) == id).findFirst();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static PloomesAccount.Named named(JsonNode entity) {
        return new PloomesAccount.Named(entity.path("Id").asLong(), entity.path("Name").asString(""));
    }

    private static String listed(List<JsonNode> entities) {
        return entities.isEmpty() ? "none" : limited(entities.stream().map(e -> named(e).toString()).toList());
    }

    private static String limited(List<String> items) {
        String shown = items.stream().limit(LISTED).collect(Collectors.joining(", "));
        return items.size() > LISTED ? shown + " … and " + (items.size() - LISTED) + " more" : shown;
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }
}
