package com.rdploomes.worker.crm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.rdploomes.model.Lead;
import com.rdploomes.worker.ploomes.ContactPhone;
import com.rdploomes.worker.ploomes.OtherProperty;

import tools.jackson.databind.JsonNode;

/**
 * What a conversion may add to a contact that already exists: only what is empty in Ploomes, so a
 * salesperson's edits are never overwritten, not even by a newer value from RD (RD's newer answers are in
 * the note). Empty means: no name (or the e-mail, which the worker writes as the name of a lead without
 * one), no phone at all, a custom field with no value. Empty arrays are never sent.
 *
 * <p>Whether a PATCH of {@code OtherProperties} replaces the contact's whole list or merges by FieldKey is
 * not known (ploomes-api.md, open question 5). So when custom fields are filled, the PATCH carries the
 * contact's existing values too, rewritten as they were: right under both semantics. When an existing value
 * cannot be rewritten (a kind the worker does not write, such as a contact or product reference), custom
 * fields are left alone rather than risk one.
 */
final class ContactEnrichment {

    private static final List<String> VALUE_PROPERTIES =
            List.of("StringValue", "BigStringValue", "IntegerValue", "DecimalValue", "DateTimeValue", "BoolValue");
    /** Read-only shapes of references; written as IntegerValue. */
    private static final List<String> ID_VALUES = List.of("ObjectValueId", "UserValueId");
    /** References the worker never writes: an existing one makes the rewrite unsafe. */
    private static final List<String> FOREIGN_VALUES = List.of("ContactValueId", "ProductValueId", "AttachmentValueId");

    private ContactEnrichment() {
    }

    /**
     * @param existing the contact as {@code GET /Contacts?$expand=Phones,OtherProperties} answered it
     * @return the PATCH body, empty when there is nothing to fill
     */
    static Map<String, Object> changes(JsonNode existing, Lead lead, List<ContactPhone> phones,
                                       List<OtherProperty> mapped, boolean otherPropertiesRead) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String name = existing.path("Name").asString("").strip();
        boolean namePlaceholder = name.isEmpty() || name.equalsIgnoreCase(existing.path("Email").asString(""));
        if (namePlaceholder && lead.name() != null && !lead.name().isBlank() && !lead.name().strip().equals(name)) {
            changes.put("Name", lead.name().strip());
        }
        JsonNode existingPhones = existing.path("Phones");
        if ((!existingPhones.isArray() || existingPhones.isEmpty()) && !phones.isEmpty()) {
            changes.put("Phones", phones);
        }
        if (otherPropertiesRead && !mapped.isEmpty()) {
            otherProperties(existing.path("OtherProperties"), mapped).ifPresent(all -> changes.put("OtherProperties", all));
        }
        return changes;
    }

    /** The existing values plus the mapped ones Ploomes has no value for; empty when none is missing. */
    private static Optional<List<OtherProperty>> otherProperties(JsonNode existing, List<OtherProperty> mapped) {
        List<OtherProperty> kept = new ArrayList<>();
        Set<String> filled = new HashSet<>();
        if (existing.isArray()) {
            for (JsonNode entry : existing) {
                Optional<Optional<OtherProperty>> rewritten = rewrite(entry);
                if (rewritten.isEmpty()) {
                    return Optional.empty(); // cannot carry this value over: touch no custom field
                }
                rewritten.get().ifPresent(value -> {
                    kept.add(value);
                    filled.add(value.fieldKey());
                });
            }
        }
        List<OtherProperty> added = mapped.stream().filter(p -> !filled.contains(p.fieldKey())).toList();
        if (added.isEmpty()) {
            return Optional.empty();
        }
        List<OtherProperty> all = new ArrayList<>(kept);
        all.addAll(added);
        return Optional.of(all);
    }

    /**
     * An existing entry in write shape: empty outer when it cannot be rewritten; empty inner when it holds no
     * value (nothing to keep, and the field counts as empty).
     */
    private static Optional<Optional<OtherProperty>> rewrite(JsonNode entry) {
        String key = entry.path("FieldKey").asString("");
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (String property : VALUE_PROPERTIES) {
            JsonNode value = entry.get(property);
            if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
                continue;
            }
            OtherProperty written = switch (property) {
                case "StringValue" -> value.isString() ? OtherProperty.string(key, value.stringValue()) : null;
                case "BigStringValue" -> value.isString() ? OtherProperty.bigString(key, value.stringValue()) : null;
                case "IntegerValue" -> value.isIntegralNumber() ? OtherProperty.integer(key, value.longValue()) : null;
                case "DecimalValue" -> value.isNumber() ? OtherProperty.decimal(key, value.decimalValue()) : null;
                case "DateTimeValue" -> value.isString() ? OtherProperty.dateTime(key, value.stringValue()) : null;
                case "BoolValue" -> value.isBoolean() ? OtherProperty.bool(key, value.booleanValue()) : null;
                default -> null;
            };
            return written == null ? Optional.empty() : Optional.of(Optional.of(written));
        }
        for (String property : ID_VALUES) {
            JsonNode value = entry.get(property);
            if (value != null && value.isIntegralNumber()) {
                return Optional.of(Optional.of(OtherProperty.integer(key, value.longValue())));
            }
        }
        for (String property : FOREIGN_VALUES) {
            JsonNode value = entry.get(property);
            if (value != null && !value.isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(Optional.empty());
    }
}
