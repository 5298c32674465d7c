package com.rdploomes.worker.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldMappingTest {

    private static final String DEAL_KEY = "deal_7B1E0C1A-0000-4000-8000-00000000A001";
    private static final String CONTACT_KEY = "contact_7B1E0C1A-0000-4000-8000-00000000C001";

    @Test
    void theExampleLoadsWithTheReplacedSystemsTwoAnswersOnTheDeal() {
        FieldMapping example = FieldMapping.load(Path.of("..", "config", "field-mapping.example.yml"));
        assertThat(example.fields(Entity.CONTACT)).hasSize(3);
        assertThat(example.fields(Entity.DEAL)).hasSize(9);
        assertThat(example.fieldsReading("cf_aplicacao")).extracting(MappedField::fieldKey)
                .containsExactly(DEAL_KEY, "deal_7B1E0C1A-0000-4000-8000-00000000A006");
        assertThat(example.fieldsReading("cf_conte_mais_sobre_seu_projeto")).singleElement()
                .satisfies(f -> {
                    assertThat(f.entity()).isEqualTo(Entity.DEAL);
                    assertThat(f.type()).isEqualTo(FieldType.BIG_STRING);
                });
        assertThat(example.fieldsReading("Segmento")).singleElement()
                .satisfies(f -> assertThat(f.fieldKey()).isEqualTo(CONTACT_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a deal key under contact | contact: [{field: " + DEAL_KEY + ", type: String, from: name}] | is a deal field, listed under contact: move it under deal:",
            "a contact key under deal | deal: [{field: " + CONTACT_KEY + ", type: String, from: name}] | is a contact field, listed under deal: move it under contact:",
            "a label instead of a key | deal: [{field: Aplicação, type: String, from: name}] | is not a Ploomes custom field key",
            "no field                 | deal: [{type: String, from: name}] | deal[0] has no field",
            "no type                  | deal: [{field: " + DEAL_KEY + ", from: name}] | deal[0] has no type; one of [String, BigString, Integer, Decimal, Bool, DateTime, Select]",
            "an unknown type          | deal: [{field: " + DEAL_KEY + ", type: Text, from: name}] | type 'Text' is not one of",
            "no from                  | deal: [{field: " + DEAL_KEY + ", type: String}] | deal[0] has no from",
            "an unknown source        | deal: [{field: " + DEAL_KEY + ", type: String, from: nome}] | 'nome' is not an RD source",
            "a raw source without /   | deal: [{field: " + DEAL_KEY + ", type: String, from: 'raw:number'}] | after raw: comes a JSON pointer",
            "a field mapped twice     | deal: [{field: " + DEAL_KEY + ", type: String, from: name}, {field: " + DEAL_KEY + ", type: String, from: city}] | deal[1]: field '" + DEAL_KEY + "' is mapped twice",
            "a Select without options | deal: [{field: " + DEAL_KEY + ", type: Select, from: cf_x}] | a Select needs options",
            "options on a String      | deal: [{field: " + DEAL_KEY + ", type: String, from: cf_x, options: {a: 1}}] | options are only for type Select",
            "a bad option id          | deal: [{field: " + DEAL_KEY + ", type: Select, from: cf_x, options: {a: x}}] | option 'a' must be a positive option Id",
            "a misspelt key           | deal: [{feild: " + DEAL_KEY + ", type: String, from: name}] | Unrecognized property \"feild\"",
            "an unknown section       | deals: [] | Unrecognized property \"deals\"",
            "a newer version          | `version: 2` | version 2 is not supported",
            "broken YAML              | `deal: [{field: x` | line 1"})
    void aBrokenMappingIsRefusedNamingTheProblem(String what, String yaml, String message) {
        assertThatThrownBy(() -> FieldMappings.parse(yaml))
                .isInstanceOf(FieldMappingException.class)
                .hasMessageContaining("test.yml")
                .hasMessageContaining(message);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> FieldMappings.parse("""
                contact:
                  - {field: %s, type: String, from: name}
                deal:
                  - {field: %s, type: Texto, from: nome}
                """.formatted(DEAL_KEY, DEAL_KEY)))
                .isInstanceOfSatisfying(FieldMappingException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> FieldMapping.load(dir.resolve("nope.yml")))
                .hasMessageContaining("nope.yml").hasMessageContaining("no such file");
    }

    @Test
    void anEmptyFileMapsNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yml"), "# nothing mapped yet\n");
        assertThat(FieldMapping.load(file).isEmpty()).isTrue();
    }

    @Test
    void sourcesAndTypesAreReadAsWritten() {
        FieldMapping mapping = FieldMappings.parse("""
                deal:
                  - field: %s
                    type: bigstring
                    from: [cf_a, "custom_fields.Nº de funcionários", "raw:/last_conversion/content/[TRACK] utm_source", traffic_source]
                """.formatted(DEAL_KEY));
        MappedField field = mapping.fields().getFirst();
        assertThat(field.type()).isEqualTo(FieldType.BIG_STRING);
        assertThat(field.from()).extracting(RdSource::name).containsExactly("cf_a", "custom_fields.Nº de funcionários",
                "raw:/last_conversion/content/[TRACK] utm_source", "traffic_source");
        assertThat(field.from()).extracting(RdSource::customFieldKey).containsExactly("cf_a", "Nº de funcionários", null, null);
    }
}
