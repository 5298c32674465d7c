package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.Phone;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;
import com.rdploomes.worker.ploomes.PloomesConfiguration;
import com.rdploomes.worker.ploomes.PloomesException;
import com.rdploomes.worker.ploomes.PloomesProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pins the exact requests the worker sends to Ploomes for each path through the five steps. */
class ConversionHandlerContractTest {

    private static final long PIPELINE = 40030343L;
    private static final long STAGE = 40303847L;
    private static final long OWNER = 120001L;

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakePloomes ploomes = newFake();
    private final ConversionHandler handler = handler(properties(ploomes.url(), OWNER, null));

    @AfterEach
    void stop() {
        ploomes.close();
    }

    @Test
    void aNewLeadCostsFourCallsWithTheseExactRequests() {
        var outcome = handler.handle(Conversions.ana());

        List<FakePloomes.Request> calls = ploomes.requests();
        assertThat(calls).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "POST /Contacts", "POST /Deals", "POST /InteractionRecords");

        FakePloomes.Request lookup = calls.get(0);
        assertThat(lookup.query()).containsExactly(
                Map.entry("$filter", "Email eq 'ana.exemplo@example.com'"),
                Map.entry("$select", "Id,Name,Email,OwnerId"),
                Map.entry("$expand", "Phones"),
                Map.entry("$orderby", "Id asc"),
                Map.entry("$top", "1"));
        assertThat(lookup.rawQuery()).startsWith("$filter=Email%20eq%20%27ana.exemplo%40example.com%27&");
        assertThat(lookup.headers()).containsEntry("user-key", "secret-key").doesNotContainKey("authorization");

        FakePloomes.Request createContact = calls.get(1);
        assertThat(createContact.rawQuery()).isEqualTo("$select=Id");
        assertThat(createContact.headers().get("content-type")).startsWith("application/json");
        assertThat(tree(createContact.body())).isEqualTo(tree("""
                {"Name":"Ana Exemplo","TypeId":2,"Email":"ana.exemplo@example.com","OwnerId":120001,
                 "Phones":[{"PhoneNumber":"(11) 3333-0001","CountryId":76},
                           {"PhoneNumber":"(11) 98888-0001","CountryId":76}]}"""));

        long contactId = outcome.contactId();
        assertThat(tree(calls.get(2).body())).isEqualTo(tree("""
                {"Title":"RD | Ana Exemplo | orcamento-site","ContactId":%d,"PipelineId":40030343,
                 "StageId":40303847,"OwnerId":120001}""".formatted(contactId)));

        JsonNode note = tree(calls.get(3).body());
        assertThat(note.get("ContactId").asLong()).isEqualTo(contactId);
        assertThat(note.get("DealId").asLong()).isEqualTo(outcome.dealId());
        assertThat(note.get("Date").asString()).isEqualTo("2024-05-20T16:40:12-03:00");
        assertThat(note.get("Content").asString())
                .contains("Conversão no RD Station: orcamento-site", "Quando: 20/05/2024 16:40",
                        "Segmento: Varejo", "ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000");
        assertThat(outcome.contactCreated()).isTrue();
        assertThat(outcome.dealCreated()).isTrue();
    }

    @Test
    void aReturningLeadWithAnOpenDealGetsOnlyANote() {
        ploomes.script("GET /Contacts", Answer.json(200, """
                {"value":[{"Id":401,"Name":"Ana Vendedora Digitou","Email":"ana.exemplo@example.com",
                           "Phones":[{"PhoneNumber":"(11) 5555-0000"}]}]}"""));
        ploomes.script("GET /Deals", Answer.json(200, "{\"value\":[{\"Id\":501,\"Title\":\"x\"}]}"));

        var outcome = handler.handle(Conversions.ana());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "GET /Deals", "POST /InteractionRecords");
        assertThat(ploomes.requests("GET /Deals").getFirst().query()).containsEntry("$filter",
                "(ContactId eq 401 or PersonId eq 401) and PipelineId eq 40030343 and StatusId eq 1")
                .containsEntry("$top", "1");
        assertThat(outcome).isEqualTo(new ConversionHandler.Outcome(401, false, 501, false, outcome.noteId()));
    }

    @Test
    void aReturningLeadWithoutPhonesGetsThemButKeepsItsName() {
        ploomes.script("GET /Contacts", Answer.json(200,
                "{\"value\":[{\"Id\":401,\"Name\":\"Ana (digitado)\",\"Email\":\"ana.exemplo@example.com\",\"Phones\":[]}]}"));

        handler.handle(Conversions.ana());

        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Contacts", "PATCH /Contacts", "GET /Deals", "POST /Deals", "POST /InteractionRecords");
        FakePloomes.Request patch = ploomes.requests("PATCH /Contacts").getFirst();
        assertThat(patch.path()).isEqualTo("/Contacts(401)");
        assertThat(tree(patch.body())).isEqualTo(tree("""
                {"Phones":[{"PhoneNumber":"(11) 3333-0001","CountryId":76},{"PhoneNumber":"(11) 98888-0001","CountryId":76}]}"""));
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
    void theLegacyPersonIdIsTheOwnerWhenNoOwnerIdIsSet() {
        ConversionHandler legacy = handler(properties(ploomes.url(), null, 777L));
        legacy.handle(Conversions.ana());
        assertThat(tree(ploomes.requests("POST /Deals").getFirst().body()).get("OwnerId").asLong()).isEqualTo(777L);
    }

    @Test
    void aRejectedCreateIsNotRepeated() {
        ploomes.always("POST /Deals", Answer.json(400, "{\"error\":{\"message\":\"StageId inválido\"}}"));

        assertThatThrownBy(() -> handler.handle(Conversions.ana()))
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

        assertThatThrownBy(() -> handler.handle(Conversions.ana()))
                .isInstanceOfSatisfying(PloomesException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(ploomes.requests("GET /Contacts")).hasSize(3);
    }

    @Test
    void aGatewayErrorHealsWithinTheInProcessRetries() {
        ploomes.script("GET /Contacts", Answer.json(502, "bad gateway"), Answer.json(503, "busy"));

        var outcome = handler.handle(Conversions.ana());

        assertThat(outcome.contactCreated()).isTrue();
        assertThat(ploomes.requests("GET /Contacts")).hasSize(3);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotRepeatedBlindly() {
        ploomes.script("POST /Contacts", Answer.dropped());

        assertThatThrownBy(() -> handler.handle(Conversions.ana()))
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

        handler.handle(Conversions.ana());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(ploomes.requests("GET /Contacts")).hasSize(2);
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }

    static PloomesProperties properties(String url, Long owner, Long person) {
        return new PloomesProperties(URI.create(url), "secret-key", PIPELINE, STAGE, owner, person, null, 6000,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofSeconds(60));
    }

    static ConversionHandler handler(PloomesProperties properties) {
        return new CrmConfiguration().conversionHandler(
                PloomesConfiguration.create(properties, new SimpleMeterRegistry()), properties);
    }

    private static FakePloomes newFake() {
        try {
            return new FakePloomes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
