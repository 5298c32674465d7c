package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.rdploomes.worker.ploomes.FakePloomes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every RD sample, as the receiver turns it into conversions, against the example field mapping and the
 * simulator's account: the exact bodies of the contact, the deal and the note a new lead becomes.
 * This is where a change in the mapping rules, the phones or the note shows up as a diff to review.
 */
class SampleConversionsContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("legacy-one-lead.json", 0, """
                    {"Name": "Ana Exemplo", "TypeId": 2, "Email": "ana.exemplo@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(11) 3333-0001", "TypeId": 1, "CountryId": 76}, {"PhoneNumber": "(11) 98888-0001", "TypeId": 2, "CountryId": 76}],
                     "OtherProperties": [{"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C001", "StringValue": "Varejo"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C002", "BigStringValue": "Fiscal, RH"}]}""",
                    """
                    {"Title": "RD | Ana Exemplo | orcamento-site", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "(direct)"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A004", "StringValue": "orcamento-site"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:12-03:00"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A007", "IntegerValue": 2},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A008", "BoolValue": false}]}""",
                    "2024-05-20T16:40:12-03:00",
                    """
                    Conversão no RD Station: orcamento-site
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Origem: (direct) / (none) / (direct) / Direct
                    Nome: Ana Exemplo
                    E-mail: ana.exemplo@example.com
                    Telefone: +55 (11) 3333-0001
                    Celular: +55 (11) 98888-0001
                    Empresa: Empresa Fictícia Ltda
                    Cargo: Gerente de Compras
                    Cidade: São Paulo / SP
                    Tags: ebook, maio-2024
                    Respostas:
                    - Interesses: Fiscal, RH
                    - Nº de funcionários: 51-200
                    - Segmento: Varejo
                    ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"""),
                Arguments.of("legacy-two-leads.json", 0, """
                    {"Name": "Ana Exemplo", "TypeId": 2, "Email": "ana.exemplo@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(11) 3333-0001", "TypeId": 1, "CountryId": 76}, {"PhoneNumber": "(11) 98888-0001", "TypeId": 2, "CountryId": 76}],
                     "OtherProperties": [{"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C001", "StringValue": "Varejo"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C002", "BigStringValue": "Fiscal, RH"}]}""",
                    """
                    {"Title": "RD | Ana Exemplo | orcamento-site", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "(direct)"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A004", "StringValue": "orcamento-site"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:12-03:00"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A007", "IntegerValue": 2},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A008", "BoolValue": false}]}""",
                    "2024-05-20T16:40:12-03:00",
                    """
                    Conversão no RD Station: orcamento-site
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Origem: (direct) / (none) / (direct) / Direct
                    Nome: Ana Exemplo
                    E-mail: ana.exemplo@example.com
                    Telefone: +55 (11) 3333-0001
                    Celular: +55 (11) 98888-0001
                    Empresa: Empresa Fictícia Ltda
                    Cargo: Gerente de Compras
                    Cidade: São Paulo / SP
                    Tags: ebook, maio-2024
                    Respostas:
                    - Interesses: Fiscal, RH
                    - Nº de funcionários: 51-200
                    - Segmento: Varejo
                    ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"""),
                Arguments.of("legacy-two-leads.json", 1, """
                    {"Name": "Bruno Teste", "TypeId": 2, "Email": "bruno.teste@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(21) 3333-4444", "TypeId": 1, "CountryId": 76}]}""",
                    """
                    {"Title": "RD | Bruno Teste | contato", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "unknown"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A004", "StringValue": "contato"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:41:00-03:00"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A007", "IntegerValue": 1},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A008", "BoolValue": true}]}""",
                    "2024-05-20T16:41:00-03:00",
                    """
                    Lead marcado como oportunidade no RD Station.
                    Conversão no RD Station: contato
                    Quando: 20/05/2024 16:41 (horário de Brasília)
                    Origem: unknown / unknown / unknown / Unknown
                    Nome: Bruno Teste
                    E-mail: bruno.teste@example.com
                    Telefone: 21 3333 4444
                    ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000002-1716234060000"""),
                Arguments.of("v2-converted.json", 0, """
                    {"Name": "Ana Exemplo", "TypeId": 2, "Email": "ana.exemplo@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(11) 3333-0001", "TypeId": 1, "CountryId": 76}, {"PhoneNumber": "(11) 98888-0001", "TypeId": 2, "CountryId": 76}],
                     "OtherProperties": [{"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C001", "StringValue": "Varejo"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C002", "BigStringValue": "Fiscal, RH"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C003", "BoolValue": true}]}""",
                    """
                    {"Title": "RD | Ana Exemplo | orcamento-site", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "Busca Paga | Google"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A004", "StringValue": "orcamento-site"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:12-03:00"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A008", "BoolValue": false}]}""",
                    "2024-05-20T16:40:12-03:00",
                    """
                    Conversão no RD Station: orcamento-site
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Origem: Busca Paga | Google
                    Nome: Ana Exemplo
                    E-mail: ana.exemplo@example.com
                    Telefone: 11 3333 0001
                    Celular: 11 98888 0001
                    Empresa: Empresa Fictícia Ltda
                    Cargo: Gerente de Compras
                    Cidade: São Paulo
                    Tags: ebook, maio-2024
                    Respostas:
                    - Aceita contato: sim
                    - Interesses: Fiscal, RH
                    - Segmento: Varejo
                    ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"""),
                Arguments.of("v2-marked-opportunity.json", 0, """
                    {"Name": "Ana Exemplo", "TypeId": 2, "Email": "ana.exemplo@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(11) 3333-0001", "TypeId": 1, "CountryId": 76}, {"PhoneNumber": "(11) 98888-0001", "TypeId": 2, "CountryId": 76}],
                     "OtherProperties": [{"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C001", "StringValue": "Varejo"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C002", "BigStringValue": "Fiscal, RH"}, {"FieldKey": "contact_7B1E0C1A-0000-4000-8000-00000000C003", "BoolValue": true}]}""",
                    """
                    {"Title": "RD | Ana Exemplo | conversão", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "Busca Paga | Google"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:12-03:00"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A008", "BoolValue": true}]}""",
                    "2024-05-20T16:40:12-03:00",
                    """
                    Lead marcado como oportunidade no RD Station.
                    Conversão no RD Station: -
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Origem: Busca Paga | Google
                    Nome: Ana Exemplo
                    E-mail: ana.exemplo@example.com
                    Telefone: 11 3333 0001
                    Celular: 11 98888 0001
                    Empresa: Empresa Fictícia Ltda
                    Cargo: Gerente de Compras
                    Cidade: São Paulo
                    Tags: ebook, maio-2024
                    Respostas:
                    - Aceita contato: sim
                    - Interesses: Fiscal, RH
                    - Segmento: Varejo
                    ID da oportunidade: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"""),
                Arguments.of("events-api-conversion.json", 0, """
                    {"Name": "Carla Modelo", "TypeId": 2, "Email": "carla.modelo@example.com", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(31) 3222-0101", "TypeId": 1, "CountryId": 76}, {"PhoneNumber": "(31) 97777-0101", "TypeId": 2, "CountryId": 76}]}""",
                    """
                    {"Title": "RD | Carla Modelo | orcamento-site", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A001", "StringValue": "Comercial"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A002", "BigStringValue": "Galpão de 800 m², entrega em março"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A006", "IntegerValue": 9102},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A003", "StringValue": "google"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A004", "StringValue": "orcamento-site"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:13-03:00"}]}""",
                    "2024-05-20T16:40:13.5-03:00",
                    """
                    Conversão no RD Station: orcamento-site
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Origem: google
                    Nome: Carla Modelo
                    E-mail: carla.modelo@example.com
                    Telefone: (31) 3222-0101
                    Celular: +55 31 97777-0101
                    Empresa: Modelo Engenharia
                    Cidade: Belo Horizonte / MG
                    Tags: orcamento
                    Respostas:
                    - Aplicação: Comercial
                    - Conte mais sobre seu projeto: Galpão de 800 m², entrega em março
                    ID da conversão: sha-8812d1702b58fb9c22873fc9bff2e2279deacbeb5f4b2368ae8bd79cdc82cc14"""),
                Arguments.of("seed-conversion.json", 0, """
                    {"Name": "João Teste API", "TypeId": 2, "Email": "teste.api@3tc.com.br", "OwnerId": 120001,
                     "Phones": [{"PhoneNumber": "(11) 99999-9999", "TypeId": 2, "CountryId": 76}]}""",
                    """
                    {"Title": "RD | João Teste API | conversão", "ContactId": 900000001, "PipelineId": 40030343, "StageId": 40303847, "OwnerId": 120001,
                     "OtherProperties": [
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A001", "StringValue": "Residencial"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A002", "BigStringValue": "Teste integração RD-Ploomes"},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A006", "IntegerValue": 9101},
                       {"FieldKey": "deal_7B1E0C1A-0000-4000-8000-00000000A005", "DateTimeValue": "2024-05-20T16:40:13-03:00"}]}""",
                    "2024-05-20T16:40:13.5-03:00",
                    """
                    Conversão no RD Station: -
                    Quando: 20/05/2024 16:40 (horário de Brasília)
                    Nome: João Teste API
                    E-mail: teste.api@3tc.com.br
                    Telefone: 11999999999
                    Respostas:
                    - Aplicação: Residencial
                    - Conte mais sobre seu projeto: Teste integração RD-Ploomes
                    ID da conversão: sha-357e4f0ae3a47f270798f1ddf9364fc3e81e3bb279bfe69010200025d1885545"""));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("samples")
    void aNewLeadOfEverySampleBecomesTheseExactRequests(String sample, int index, String contact, String deal,
                                                       String noteDate, String noteContent) {
        try (FakePloomes ploomes = FakePloomesFactory.start()) {
            ConversionHandler handler = Handlers.handler(ploomes, Handlers.exampleMapping());

            handler.handle(SampleConversions.of(sample, index));

            assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                    .containsExactly("GET /Contacts", "POST /Contacts", "POST /Deals", "POST /InteractionRecords");
            assertThat(ploomes.requests("GET /Contacts").getFirst().query())
                    .containsEntry("$select", "Id,Name,Email,OwnerId,CompanyId")
                    .containsEntry("$expand", "Phones,OtherProperties," + ConversionHandlerContractTest.OPEN_DEALS);
            assertThat(body(ploomes, "POST /Contacts")).isEqualTo(JSON.readTree(contact));
            assertThat(body(ploomes, "POST /Deals")).isEqualTo(JSON.readTree(deal));
            JsonNode note = body(ploomes, "POST /InteractionRecords");
            assertThat(note.get("ContactId").asLong()).isEqualTo(900_000_001L);
            assertThat(note.get("DealId").asLong()).isEqualTo(900_000_002L);
            assertThat(note.get("Date").asString()).isEqualTo(noteDate);
            assertThat(note.get("Content").asString()).isEqualTo(noteContent);
        }
    }

    @Test
    void everySampleIsInTheTable() {
        assertThat(samples().map(row -> (String) row.get()[0]).distinct()).containsExactlyInAnyOrder(
                "legacy-one-lead.json", "legacy-two-leads.json", "v2-converted.json", "v2-marked-opportunity.json",
                "events-api-conversion.json", "seed-conversion.json");
        assertThat(SampleConversions.all("legacy-two-leads.json")).hasSize(2);
    }

    private static JsonNode body(FakePloomes ploomes, String call) {
        return JSON.readTree(ploomes.requests(call).getFirst().body());
    }
}
