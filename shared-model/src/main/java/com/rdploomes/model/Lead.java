package com.rdploomes.model;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The lead as the worker needs it: e-mail already trimmed and lower-cased.
 *
 * @param customFields RD custom fields by key ({@code cf_*} keys of 2.0 and the Events API, or the
 *        labels of a legacy {@code custom_fields} map) with their JSON values unchanged
 */
public record Lead(
        String email,
        String name,
        List<Phone> phones,
        String company,
        String jobTitle,
        String city,
        String state,
        List<String> tags,
        Map<String, JsonNode> customFields) {

    public Lead {
        phones = phones == null ? List.of() : List.copyOf(phones);
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
