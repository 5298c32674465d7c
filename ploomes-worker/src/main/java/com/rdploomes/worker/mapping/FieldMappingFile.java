package com.rdploomes.worker.mapping;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The mapping file as written, before it is checked. Its shape:
 *
 * <pre>
 * version: 1
 * contact:
 *   - field: contact_7B1E0C1A-...-C001   # Ploomes FieldKey of a contact custom field
 *     type: String                       # String, BigString, Integer, Decimal, Bool, DateTime or Select
 *     from: [cf_segmento, custom_fields.Segmento]   # first with a value wins
 * deal:
 *   - field: deal_7B1E0C1A-...-A006
 *     type: Select
 *     from: cf_aplicacao
 *     options: { Residencial: 9101, Comercial: 9102 }   # RD value → Ploomes option Id
 * </pre>
 */
record FieldMappingFile(Integer version, List<Rule> contact, List<Rule> deal) {

    /** {@code from} is kept as JSON: one source or a list of them. */
    record Rule(String field, String type, JsonNode from, Map<String, JsonNode> options) {
    }
}
