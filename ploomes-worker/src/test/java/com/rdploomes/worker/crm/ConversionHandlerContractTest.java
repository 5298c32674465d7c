package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Phone;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;
import com.rdploomes.worker.ploomes.PloomesException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pins the exact requests the worker sends to Ploomes for each path through the steps. */
@ExtendWith(OutputCaptureExtension.class)
class ConversionHandlerContractTest {

    /** The contact lookup's expansion of the contact's oldest open deal in the pipeline. */
    static final String OPEN_DEALS =
            "Deals($select=Id;$filter=PipelineId eq 40030343 and StatusId eq 1;$orderby=Id asc;$top=1)";
    private static final String C001 = "contact_7B1E0C1A-0000-4000-8000-00000000C001";
    private static final String C002 = "contact_7B1E0C1A-0000-4000-8000-00000000C002";

    /** A returning contact, with phones, whose open deal 501 the lookup shows. */
    private static final String RETURNING_WITH_DEAL_501 =
            "{\"value\":[{\"Id\":401,\"Name\":\"Ana\",\"Phones\":[{}],\"Deals\":[{\"Id\":501}]}]}";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakePloomes ploomes = FakePloomesFactory.start();
    private final ConversionHandler handler = Handlers.handler(ploomes, Handlers.exampleMapping());

    @AfterEach
    void stop() {
        ploomes.close();
    }

    @Test
    void aNewLeadCostsFourCallsWithTheseExactRequests() {
        var outcome = handler.handle(Conversions.anaSample());

        List<FakePloomes.Request> calls = ploomes.requests();
        assertThat(calls).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /Contacts", "POST /Deals", "POST /InteractionRecords");

        FakePloomes.Request lookup = calls.get(0);
        assertThat(lookup.query()).containsExactly(
                Map.entry("$filter", "Email eq 'ana.exemplo@example.com'"),
                Map.entry("$select", "Id,Name,Email,OwnerId,CompanyId"),
                Map.entry("$expand", "Phones,OtherProperties," + OPEN_DEALS),
                Map.entry("$orderby", "Id asc"),
                Map.entry("$top", "1"));
        assertThat(lookup.rawQuery()).startsWith("$filter=Email%20eq%20%27ana.exemplo%40example.com%27&")
                .contains("&$expand=Phones%2COtherProperties%2CDeals%28%24select%3DId%3B%24filter%3DPipelineId%20eq%20"
                        + "40030343%20and%20StatusId%20eq%201%3B%24orderby%3DId%20asc%3B%24top%3D1%29&");
        assertThat(lookup.headers()).containsEntry("user-key", "secret-key").doesNotContainKey("authorization");

        FakePloomes.Request createContact = calls.get(1);
        assertThat(createContact.rawQuery()).isEqualTo("$select=Id");
        assertThat(createContact.headers().get("content-type")).startsWith("application/json");
        assertThat(tree(createContact.body())).isEqualTo(tree("""
                {"Name":"Ana Exemplo","TypeId":2,"Email":"ana.exemplo@example.com","OwnerId":120001,
                 "Phones":[{"PhoneNumber":"(11) 3333-0001","TypeId":1,"CountryId":76},
                           {"PhoneNumber":"(11) 98888-0001","TypeId":2,"CountryId":76}],
                 "OtherProperties":[{"FieldKey":"contact_7B1E0C1A-0000-4000-8000-00000000C001","StringValue":"Varejo"}]}"""));

        long contactId = outcome.contactId();
        assertThat(tree(calls.get(2).body())).isEqualTo(tree("""
                {"Title":"RD | Ana Exemplo | orcamento-site","ContactId":%d,"PipelineId":40030343,
                 "StageId":40303847,"OwnerId":120001,"OtherProperties":[
                   {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A003","StringValue":"(direct)"},
                   {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A004","StringValue":"orcamento-site"},
                   {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A005","DateTimeValue":"2024-05-20T16:40:12-03:00"}]}"""
                .formatted(contactId)));

        JsonNode note = tree(calls.get(3).body());
        assertThat(note.get("ContactId").asLong()).isEqualTo(contactId);
        assertThat(note.get("DealId").asLong()).isEqualTo(outcome.dealId());
        assertThat(note.get("Date").asString()).isEqualTo("2024-05-20T16:40:12-03:00");
        assertThat(note.get("Content").asString()).isEqualTo("""
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
                Tags: ebook
                Respostas:
                - Segmento: Varejo
                ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000""");
        assertThat(outcome.contactCreated()).isTrue();
        assertThat(outcome.dealCreated()).isTrue();
        assertThat(outcome.result()).isEqualTo(ConversionHandler.Result.WRITTEN);
    }

    @Test
    void aReturningLeadWhoseOpenDealTheLookupSawCostsTwoCallsAndKeepsWhatASalespersonTyped() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana Vendedora Digitou","Email":"ana.exemplo@example.com","CompanyId":null,
                           "Phones":[{"PhoneNumber":"(11) 5555-0000"}],
                           "OtherProperties":[{"FieldKey":"%s","StringValue":"Indústria"}],
                           "Deals":[{"Id":501}]}]}""".formatted(C001)));

        var outcome = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /InteractionRecords");
        assertThat(tree(ploomes.requests("POST /InteractionRecords").getFirst().body()).get("DealId").asLong())
                .isEqualTo(501);
        assertThat(outcome).isEqualTo(new ConversionHandler.Outcome(401, false, 501, false, outcome.noteId(),
                ConversionHandler.Result.WRITTEN));
    }

    @Test
    void aReturningLeadWithoutAnOpenDealNorACompanyCostsThreeCalls() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana","Email":"ana.exemplo@example.com","Phones":[{"PhoneNumber":"1"}],
                           "OtherProperties":[{"FieldKey":"%s","StringValue":"Indústria"}],"Deals":[]}]}""".formatted(C001)));

        var outcome = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /Deals", "POST /InteractionRecords");
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("ContactId").asLong()).isEqualTo(401);
        assertThat(outcome.dealCreated()).isTrue();
        assertThat(tree(ploomes.requests("POST /InteractionRecords").getFirst().body()).get("DealId").asLong())
                .isEqualTo(outcome.dealId());
    }

    @Test
    void aPersonOfACompanyIsAlsoLookedForAsTheDealsPersonBeforeADealIsOpened() {
        // the company's deal names Ana as its PersonId: the contact's own Deals cannot show it
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana","Email":"ana.exemplo@example.com","CompanyId":77,
                           "Phones":[{"PhoneNumber":"1"}],"OtherProperties":[{"FieldKey":"%s","StringValue":"x"}],
                           "Deals":[]}]}""".formatted(C001)));
        ploomes.script("GET /Deals", Answer.json(200, "{\"value\":[{\"Id\":502,\"Title\":\"x\"}]}"));

        var outcome = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /Deals", "POST /InteractionRecords");
        assertThat(ploomes.requests("GET /Deals").getFirst().query()).containsEntry("$filter",
                "(ContactId eq 401 or PersonId eq 401) and PipelineId eq 40030343 and StatusId eq 1")
                .containsEntry("$top", "1");
        assertThat(outcome.dealId()).isEqualTo(502);
        assertThat(outcome.dealCreated()).isFalse();
    }

    @Test
    void aPersonOfACompanyWithNoOpenDealAnywhereGetsOne() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana","CompanyId":77,"Phones":[{"PhoneNumber":"1"}],
                           "OtherProperties":[{"FieldKey":"%s","StringValue":"x"}],"Deals":[]}]}""".formatted(C001)));

        handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /Deals", "POST /Deals", "POST /InteractionRecords");
    }

    @Test
    void anAnswerWithoutTheDealsIsNotTakenForNoOpenDeal() {
        // a Ploomes that ignored the expansion instead of refusing it: no Deals at all is not an empty list
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana","Phones":[{"PhoneNumber":"1"}],
                           "OtherProperties":[{"FieldKey":"%s","StringValue":"x"}]}]}""".formatted(C001)));
        ploomes.script("GET /Deals", Answer.json(200, "{\"value\":[{\"Id\":503}]}"));

        var outcome = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /Deals", "POST /InteractionRecords");
        assertThat(outcome.dealId()).isEqualTo(503);
    }

    @Test
    void aRefusedDealsExpansionFallsBackOnceAndForAllToTheLookupWithoutIt(CapturedOutput output) {
        ploomes.respond("GET /Contacts", request -> request.query().get("$expand").contains("Deals")
                ? Answer.json(400, "{\"error\":{\"message\":\"Could not find a property named 'Deals' on type 'Contact'\"}}")
                : Answer.json(200, "{\"value\":[{\"Id\":401,\"Name\":\"Ana\",\"Phones\":[{\"PhoneNumber\":\"1\"}],"
                        + "\"OtherProperties\":[{\"FieldKey\":\"" + C001 + "\",\"StringValue\":\"x\"}]}]}"));
        ploomes.respond("GET /Deals", request -> Answer.json(200, "{\"value\":[{\"Id\":501}]}"));

        var first = handler.handle(Conversions.anaSample());
        var second = handler.handle(Conversions.of("rd-second", "ana.exemplo@example.com", "Ana", List.of()));

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call).containsExactly(
                "GET /Contacts", "GET /Contacts", "GET /Deals", "POST /InteractionRecords",
                "GET /Contacts", "GET /Deals", "POST /InteractionRecords");
        List<FakePloomes.Request> lookups = ploomes.requests("GET /Contacts");
        assertThat(lookups.get(0).query().get("$expand")).endsWith("," + OPEN_DEALS);
        for (FakePloomes.Request plain : List.of(lookups.get(1), lookups.get(2))) {
            assertThat(plain.query()).containsExactly(
                    Map.entry("$filter", "Email eq 'ana.exemplo@example.com'"),
                    Map.entry("$select", "Id,Name,Email,OwnerId"),
                    Map.entry("$expand", "Phones,OtherProperties"),
                    Map.entry("$orderby", "Id asc"),
                    Map.entry("$top", "1"));
        }
        assertThat(first.dealId()).isEqualTo(501);
        assertThat(second.dealId()).isEqualTo(501);
        assertThat(ploomes.requests("POST /Deals")).isEmpty();
        assertThat(output.getOut().lines().filter(line -> line.contains("$expand=Deals with 400: falling back")))
                .singleElement().asString().contains("WARN").contains("$expand=Deals").doesNotContain("ana.exemplo");
    }

    @Test
    void a400ThatTheLookupWithoutTheExpansionGetsTooIsNotBlamedOnTheExpansion() {
        ploomes.script("GET /Contacts", Answer.json(400, "{}"), Answer.json(400, "{}"));

        assertThatThrownBy(() -> handler.handle(Conversions.anaSample()))
                .isInstanceOfSatisfying(PloomesException.class, e -> assertThat(e.status()).isEqualTo(400));
        handler.handle(Conversions.anaSample());

        List<FakePloomes.Request> lookups = ploomes.requests("GET /Contacts");
        assertThat(lookups).hasSize(3);
        assertThat(lookups.get(1).query().get("$expand")).doesNotContain("Deals");
        assertThat(lookups.get(2).query().get("$expand")).as("still asked for after an unrelated 400")
                .endsWith("," + OPEN_DEALS);
    }

    @Test
    void aReturningLeadGetsOnlyWhatIsEmptyAndItsOtherCustomFieldsAreSentBackUnchanged() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana (digitado)","Email":"ana.exemplo@example.com","Phones":[],
                  "OtherProperties":[
                    {"FieldKey":"%s","StringValue":null,"BigStringValue":"Contábil","IntegerValue":null},
                    {"FieldKey":"deal_or_other_key","ObjectValueId":9102,"ObjectValueName":"Comercial"},
                    {"FieldKey":"%s","StringValue":""}],"Deals":[]}]}""".formatted(C002, C001)));

        handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "PATCH /Contacts", "POST /Deals", "POST /InteractionRecords");
        FakePloomes.Request patch = ploomes.requests("PATCH /Contacts").getFirst();
        assertThat(patch.path()).isEqualTo("/Contacts(401)");
        assertThat(tree(patch.body())).isEqualTo(tree("""
                {"Phones":[{"PhoneNumber":"(11) 3333-0001","TypeId":1,"CountryId":76},
                           {"PhoneNumber":"(11) 98888-0001","TypeId":2,"CountryId":76}],
                 "OtherProperties":[
                   {"FieldKey":"%s","BigStringValue":"Contábil"},
                   {"FieldKey":"deal_or_other_key","IntegerValue":9102},
                   {"FieldKey":"%s","StringValue":"Varejo"}]}""".formatted(C002, C001)));
    }

    @Test
    void theEmailWrittenAsTheNameOfANamelessLeadIsReplacedByTheNameWhenRdSendsIt() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"ana.exemplo@example.com","Email":"ana.exemplo@example.com",
                  "Phones":[{"PhoneNumber":"1"}],"OtherProperties":[{"FieldKey":"%s","StringValue":"x"}]}]}""".formatted(C001)));

        handler.handle(Conversions.anaSample());

        assertThat(tree(ploomes.requests("PATCH /Contacts").getFirst().body()))
                .isEqualTo(tree("{\"Name\":\"Ana Exemplo\"}"));
    }

    @Test
    void aCustomFieldThatCannotBeWrittenBackLeavesEveryCustomFieldAlone() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana","Email":"ana.exemplo@example.com","Phones":[],
                  "OtherProperties":[{"FieldKey":"contact_ref","ContactValueId":77,"ContactValueName":"Empresa X"}]}]}"""));

        handler.handle(Conversions.anaSample());

        JsonNode patch = tree(ploomes.requests("PATCH /Contacts").getFirst().body());
        assertThat(patch.has("Phones")).isTrue();
        assertThat(patch.has("OtherProperties")).isFalse();
    }

    @Test
    void theEmailIsTrimmedAndLowerCasedBeforeTheLookupAndTheCreate() {
        handler.handle(Conversions.of("id-upper", "  Ana.Exemplo@EXAMPLE.com ", "Ana", List.of()));

        assertThat(ploomes.requests("GET /Contacts").getFirst().query())
                .containsEntry("$filter", "Email eq 'ana.exemplo@example.com'");
        assertThat(tree(ploomes.requests("POST /Contacts").getFirst().body()).get("Email").asString())
                .isEqualTo("ana.exemplo@example.com");
    }

    @Test
    void quotesInTheEmailAreDoubledAndNoEmptyPhonesAreSent() {
        handler.handle(Conversions.of("id-1", "o'brien@example.com", null,
                List.of(new Phone(Phone.Kind.MOBILE, "\\N"), new Phone(Phone.Kind.PERSONAL, " "))));

        assertThat(ploomes.requests("GET /Contacts").getFirst().query())
                .containsEntry("$filter", "Email eq 'o''brien@example.com'");
        JsonNode contact = tree(ploomes.requests("POST /Contacts").getFirst().body());
        assertThat(contact.has("Phones")).isFalse();
        assertThat(contact.get("Name").asString()).isEqualTo("o'brien@example.com");
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("Title").asString())
                .isEqualTo("RD | o'brien@example.com | orcamento-site");
    }

    @Test
    void withoutAMappingNoCustomFieldIsReadOrSent() {
        ConversionHandler plain = Handlers.handler(ploomes, FieldMapping.none());

        plain.handle(Conversions.anaSample());

        assertThat(ploomes.requests("GET /Contacts").getFirst().query()).containsEntry("$expand", "Phones," + OPEN_DEALS);
        assertThat(tree(ploomes.requests("POST /Contacts").getFirst().body()).has("OtherProperties")).isFalse();
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).has("OtherProperties")).isFalse();
    }

    @Test
    void theLegacyPersonIdIsTheOwnerWhenNoOwnerIdIsSet() {
        ConversionHandler legacy = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), null, 120002L),
                FieldMapping.none(), Handlers.DEFAULTS, Handlers.STARTED_BEFORE);
        legacy.handle(Conversions.anaSample());
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("OwnerId").asLong()).isEqualTo(120002L);
    }

    @Test
    void theDealTitleFollowsItsTemplate() {
        ConversionHandler titled = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), new CrmProperties("{company} - {name} ({date}) | {conversion_identifier}", null),
                Handlers.STARTED_BEFORE);
        titled.handle(Conversions.anaSample());
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("Title").asString())
                .isEqualTo("Empresa Fictícia Ltda - Ana Exemplo (20/05/2024) | orcamento-site");
    }

    @Test
    void theSameConversionDeliveredTwiceWritesOneNoteAndTheSecondCostsNoCall() {
        var first = handler.handle(Conversions.anaSample());
        int callsAfterFirst = ploomes.requests().size();

        var second = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).hasSize(callsAfterFirst);
        assertThat(ploomes.requests("POST /InteractionRecords")).hasSize(1);
        assertThat(second.result()).isEqualTo(ConversionHandler.Result.DUPLICATE);
        assertThat(second.noteId()).isEqualTo(first.noteId());
    }

    @Test
    void aConversionOlderThanTheProcessLooksForItsNoteOnAReturningContactAndFindsIt() {
        ConversionHandler restarted = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), Handlers.DEFAULTS, Handlers.STARTED_AFTER);
        ploomes.always("GET /Contacts", Answer.json(200, RETURNING_WITH_DEAL_501));
        ploomes.script("GET /InteractionRecords", Answer.json(200, """
                {"value":[{"Id":650,"Content":"...\\nID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-17162340120001"},
                          {"Id":651,"Content":"Conversão\\nID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"}]}"""));

        var outcome = restarted.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /InteractionRecords");
        assertThat(ploomes.requests("GET /InteractionRecords").getFirst().query()).containsEntry("$filter",
                "ContactId eq 401 and contains(Content,'ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000')");
        assertThat(outcome.noteId()).isEqualTo(651);
        assertThat(outcome.result()).isEqualTo(ConversionHandler.Result.DUPLICATE);
    }

    @Test
    void aConversionOlderThanTheProcessWithoutANoteGetsOne() {
        ConversionHandler restarted = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), Handlers.DEFAULTS, Handlers.STARTED_AFTER);
        ploomes.always("GET /Contacts", Answer.json(200, RETURNING_WITH_DEAL_501));

        restarted.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /InteractionRecords", "POST /InteractionRecords");
    }

    @Test
    void aNewContactNeverLooksForAnEarlierNote() {
        ConversionHandler restarted = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), Handlers.DEFAULTS, Handlers.STARTED_AFTER);

        restarted.handle(Conversions.anaSample());

        assertThat(ploomes.requests("GET /InteractionRecords")).isEmpty();
    }

    @Test
    void aNoteWhoseAnswerWasLostIsLookedForBeforeTheNextPost() {
        ploomes.script("POST /InteractionRecords", Answer.dropped());
        assertThatThrownBy(() -> handler.handle(Conversions.anaSample())).isInstanceOf(PloomesException.class);
        ploomes.always("GET /Contacts", Answer.json(200, RETURNING_WITH_DEAL_501));
        ploomes.script("GET /InteractionRecords", Answer.json(200,
                "{\"value\":[{\"Id\":652,\"Content\":\"ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000\"}]}"));

        var retried = handler.handle(Conversions.anaSample());

        assertThat(ploomes.requests("POST /InteractionRecords")).hasSize(1);
        assertThat(retried.noteId()).isEqualTo(652);
    }

    @Test
    void anOpportunityIsHandledLikeAConversionAndItsNoteSaysSo() {
        Conversion marked = Conversions.marked("WEBHOOK.MARKED_OPPORTUNITY", null);

        handler.handle(marked);

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /Contacts", "POST /Deals", "POST /InteractionRecords");
        String content = tree(ploomes.requests("POST /InteractionRecords").getFirst().body()).get("Content").asString();
        assertThat(content).startsWith(NoteWriter.OPPORTUNITY_LINE + "\n")
                .endsWith("\nID da oportunidade: " + marked.id());
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("OtherProperties").toString())
                .contains("{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A008\",\"BoolValue\":true}");
    }

    @Test
    void aLegacyLeadFlaggedAsOpportunityIsSaidSoInTheNote() {
        handler.handle(Conversions.marked("WEBHOOK.LEGACY", "true"));
        assertThat(tree(ploomes.requests("POST /InteractionRecords").getFirst().body()).get("Content").asString())
                .startsWith(NoteWriter.OPPORTUNITY_LINE).contains("\nID da conversão: ");
    }

    @Test
    void theIgnoreRuleLeavesPloomesUntouchedByTheMarkingEvent() {
        ConversionHandler ignoring = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), new CrmProperties(null, "ignore"), Handlers.STARTED_BEFORE);

        var outcome = ignoring.handle(Conversions.marked("WEBHOOK.MARKED_OPPORTUNITY", null));
        assertThat(outcome.result()).isEqualTo(ConversionHandler.Result.IGNORED);
        assertThat(ploomes.requests()).isEmpty();

        ignoring.handle(Conversions.marked("WEBHOOK.LEGACY", "true"));
        assertThat(ploomes.requests("POST /InteractionRecords")).hasSize(1);
    }

    @Test
    void theDealOnlyForOpportunitiesRuleOpensNoDealForAPlainConversion() {
        ConversionHandler strict = Handlers.handler(ploomes, Handlers.properties(ploomes.url(), 120001L, null),
                FieldMapping.none(), new CrmProperties(null, "deal-only-for-opportunities"), Handlers.STARTED_BEFORE);

        var outcome = strict.handle(Conversions.anaSample());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /Contacts", "POST /InteractionRecords");
        assertThat(tree(ploomes.requests("POST /InteractionRecords").getFirst().body()).has("DealId")).isFalse();
        assertThat(outcome.dealId()).isZero();

        strict.handle(Conversions.marked("WEBHOOK.LEGACY", "true"));
        assertThat(ploomes.requests("POST /Deals")).hasSize(1);
    }

    @Test
    void aBadOpportunityRuleOrTitleIsRefusedWithTheValidValues() {
        assertThatThrownBy(() -> new CrmProperties(null, "always"))
                .hasMessageContaining("OPPORTUNITY_RULE='always'")
                .hasMessageContaining("[conversion, ignore, deal-only-for-opportunities]");
        assertThatThrownBy(() -> new CrmProperties("RD | {nome}", null))
                .hasMessageContaining("unknown placeholders [{nome}]")
                .hasMessageContaining("{conversion_identifier}");
        assertThatThrownBy(() -> new CrmProperties("RD | {name", null)).hasMessageContaining("unmatched brace");
    }

    @Test
    void aRejectedCreateIsNotRepeated() {
        ploomes.always("POST /Deals", Answer.json(400, "{\"error\":{\"message\":\"StageId inválido\"}}"));

        assertThatThrownBy(() -> handler.handle(Conversions.anaSample()))
                .isInstanceOfSatisfying(PloomesException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.bodyExcerpt()).contains("StageId inválido");
                });
        assertThat(ploomes.requests("POST /Deals")).hasSize(1);
    }

    @Test
    void aFailingLookupIsRetriedBrieflyThenGivesUp() {
        ploomes.always("GET /Contacts", Answer.json(503, "busy"));

        assertThatThrownBy(() -> handler.handle(Conversions.anaSample()))
                .isInstanceOfSatisfying(PloomesException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(ploomes.requests("GET /Contacts")).hasSize(3);
    }

    @Test
    void aGatewayErrorHealsWithinTheInProcessRetries() {
        ploomes.script("GET /Contacts", Answer.json(502, "bad gateway"), Answer.json(503, "busy"));

        var outcome = handler.handle(Conversions.anaSample());

        assertThat(outcome.contactCreated()).isTrue();
        assertThat(ploomes.requests("GET /Contacts")).hasSize(3);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotRepeatedBlindly() {
        ploomes.script("POST /Contacts", Answer.dropped());

        assertThatThrownBy(() -> handler.handle(Conversions.anaSample()))
                .isInstanceOfSatisfying(PloomesException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.isRepeatable()).isFalse();
                });
        assertThat(ploomes.requests("POST /Contacts")).hasSize(1);
    }

    @Test
    void a429PausesForItsRetryAfterThenGoesOn() {
        ploomes.script("GET /Contacts", Answer.of(429, "{}", Map.of("Retry-After", "1")));
        long started = System.nanoTime();

        handler.handle(Conversions.anaSample());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(ploomes.requests("GET /Contacts")).hasSize(2);
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }
}
