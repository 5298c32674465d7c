package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.RdIds;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.mapping.FieldMappings;
import com.rdploomes.worker.ploomes.FakePloomes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of RD value (text, numbers, numeric strings, booleans, lists, empty strings, {@code \N}, null,
 * objects) into every field type, as the exact OtherProperties entry of the POST /Deals body, or no entry
 * at all ("-": nothing sent, the lead still goes through). The README's table of rules, pinned.
 */
class ValueKindsContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> KEYS = Map.of(
            "String", "deal_7B1E0C1A-0000-4000-8000-00000000A001",
            "BigString", "deal_7B1E0C1A-0000-4000-8000-00000000A002",
            "DateTime", "deal_7B1E0C1A-0000-4000-8000-00000000A005",
            "Select", "deal_7B1E0C1A-0000-4000-8000-00000000A006",
            "Integer", "deal_7B1E0C1A-0000-4000-8000-00000000A007",
            "Bool", "deal_7B1E0C1A-0000-4000-8000-00000000A008",
            "Decimal", "deal_7B1E0C1A-0000-4000-8000-00000000A009");

    @ParameterizedTest(name = "{1} as {0} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // text fields: trimmed; numbers and booleans as text; lists joined; nothing for empty values
            "String    | \"Residencial\"           | {\"StringValue\":\"Residencial\"}",
            "String    | \"  Residencial  \"       | {\"StringValue\":\"Residencial\"}",
            "String    | \"007\"                   | {\"StringValue\":\"007\"}",
            "String    | 42                        | {\"StringValue\":\"42\"}",
            "String    | 0.50                      | {\"StringValue\":\"0.5\"}",
            "String    | true                      | {\"StringValue\":\"Sim\"}",
            "String    | false                     | {\"StringValue\":\"Não\"}",
            "String    | [\"Fiscal\",\"RH\"]       | {\"StringValue\":\"Fiscal, RH\"}",
            "String    | [\"Fiscal\",\"\",\"\\\\N\"] | {\"StringValue\":\"Fiscal\"}",
            "String    | \"\"                      | -",
            "String    | \"   \"                   | -",
            "String    | \"\\\\N\"                 | -",
            "String    | null                      | -",
            "String    | []                        | -",
            "String    | {\"a\":1}                 | -",
            "BigString | \"linha 1\\nlinha 2\"     | {\"BigStringValue\":\"linha 1\\nlinha 2\"}",
            "BigString | [\"Fiscal\",\"RH\"]       | {\"BigStringValue\":\"Fiscal, RH\"}",
            "BigString | \" \\\\N \"               | -",
            // Integer: whole numbers only, numeric strings included
            "Integer   | 42                        | {\"IntegerValue\":42}",
            "Integer   | \"42\"                    | {\"IntegerValue\":42}",
            "Integer   | \" -3 \"                  | {\"IntegerValue\":-3}",
            "Integer   | \"2.0\"                   | {\"IntegerValue\":2}",
            "Integer   | 2.0                       | {\"IntegerValue\":2}",
            "Integer   | [\"7\"]                   | {\"IntegerValue\":7}",
            "Integer   | 1.5                       | -",
            "Integer   | \"1.5\"                   | -",
            "Integer   | \"1.000\"                 | -",
            "Integer   | \"9223372036854775808\"   | -",
            "Integer   | \"doze\"                  | -",
            "Integer   | true                      | -",
            "Integer   | [\"1\",\"2\"]             | -",
            "Integer   | \"\\\\N\"                 | -",
            // Decimal: a point or a comma, never a thousands separator
            "Decimal   | 1250.5                    | {\"DecimalValue\":1250.5}",
            "Decimal   | 7                         | {\"DecimalValue\":7}",
            "Decimal   | \"1250.5\"                | {\"DecimalValue\":1250.5}",
            "Decimal   | \"1250,50\"               | {\"DecimalValue\":1250.50}",
            "Decimal   | \"1.234,5\"               | -",
            "Decimal   | \"1.000\"                 | -",
            "Decimal   | \"abc\"                   | -",
            "Decimal   | \"\"                      | -",
            // Bool: JSON booleans and the words for them
            "Bool      | true                      | {\"BoolValue\":true}",
            "Bool      | \"sim\"                   | {\"BoolValue\":true}",
            "Bool      | \"Não\"                   | {\"BoolValue\":false}",
            "Bool      | \"TRUE\"                  | {\"BoolValue\":true}",
            "Bool      | \"1\"                     | {\"BoolValue\":true}",
            "Bool      | \"0\"                     | {\"BoolValue\":false}",
            "Bool      | [true]                    | {\"BoolValue\":true}",
            "Bool      | \"talvez\"                | -",
            "Bool      | 1                         | -",
            "Bool      | \"\\\\N\"                 | -",
            // DateTime: ISO with offset, ISO date, dd/MM/yyyy; written in Brasília's offset
            "DateTime  | \"2024-05-20T19:40:12Z\"  | {\"DateTimeValue\":\"2024-05-20T16:40:12-03:00\"}",
            "DateTime  | \"2024-05-20T19:40:12.750+00:00\" | {\"DateTimeValue\":\"2024-05-20T16:40:12-03:00\"}",
            "DateTime  | \"2024-05-20\"            | {\"DateTimeValue\":\"2024-05-20T00:00:00-03:00\"}",
            "DateTime  | \"20/05/2024\"            | {\"DateTimeValue\":\"2024-05-20T00:00:00-03:00\"}",
            "DateTime  | \"31/02/2024\"            | -",
            "DateTime  | 1716234012                | -",
            "DateTime  | \"ontem\"                 | -",
            // Select: the option the table gives, ignoring case; one value only
            "Select    | \"Comercial\"             | {\"IntegerValue\":9102}",
            "Select    | \" comercial \"           | {\"IntegerValue\":9102}",
            "Select    | [\"Residencial\"]         | {\"IntegerValue\":9101}",
            "Select    | \"Rural\"                 | -",
            "Select    | [\"Residencial\",\"Comercial\"] | -",
            "Select    | \"\\\\N\"                 | -"})
    void everyValueKindBecomesThisExactEntryOrNone(String type, String rdValue, String expected) {
        String key = KEYS.get(type);
        FieldMapping mapping = FieldMappings.parse("""
                deal:
                  - field: %s
                    type: %s
                    from: cf_valor
                %s""".formatted(key, type, type.equals("Select")
                ? "    options: {Residencial: 9101, Comercial: 9102, Industrial: 9103}" : ""));
        try (FakePloomes ploomes = FakePloomesFactory.start()) {
            ConversionHandler handler = Handlers.handler(ploomes, mapping);

            handler.handle(conversionWith(JSON.readTree(rdValue)));

            JsonNode deal = JSON.readTree(ploomes.requests("POST /Deals").getFirst().body());
            if (expected.equals("-")) {
                assertThat(deal.has("OtherProperties")).as(deal.toString()).isFalse();
            } else {
                ObjectNode entry = JsonNodeFactory.instance.objectNode().put("FieldKey", key);
                entry.setAll((ObjectNode) JSON.readTree(expected));
                assertThat(deal.get("OtherProperties")).containsExactly(entry);
            }
            assertThat(ploomes.requests("POST /InteractionRecords")).as("the lead goes through").hasSize(1);
        }
    }

    private static Conversion conversionWith(JsonNode value) {
        Map<String, JsonNode> fields = new java.util.HashMap<>();
        fields.put("cf_valor", value);
        Lead lead = new Lead("valores@example.com", "Valores", List.of(), null, null, null, null, List.of(), fields);
        return new Conversion(Conversion.SCHEMA_VERSION, "sha-values", Conversion.SourceFormat.EVENTS_API, "CONVERSION",
                null, Instant.parse("2024-05-20T19:40:13Z"), lead, RdIds.NONE, "form", null,
                JsonNodeFactory.instance.objectNode());
    }
}
