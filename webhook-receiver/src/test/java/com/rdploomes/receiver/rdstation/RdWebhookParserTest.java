package com.rdploomes.receiver.rdstation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.ConversionId;
import com.rdploomes.model.Phone;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.Traffic;
import com.rdploomes.receiver.Samples;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class RdWebhookParserTest {

    private static final Instant RECEIVED = Instant.parse("2024-05-20T19:40:13.500Z");
    private static final String ANA_UUID = "0b5f3c1e-1111-4a2b-9c3d-000000000001";
    /** last_conversion.created_at of Ana, 2024-05-20T16:40:12.000-03:00, and event_timestamp of the 2.0 samples. */
    private static final long ANA_CONVERTED_MILLIS = Instant.parse("2024-05-20T19:40:12Z").toEpochMilli();

    private static final List<String> SAMPLES = Samples.ALL;

    private final RdWebhookParser parser = new RdWebhookParser();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Test
    void legacyLeadIsMappedFieldByField() {
        Conversion ana = single(parse("legacy-one-lead.json"));

        assertThat(ana.schemaVersion()).isEqualTo(1);
        assertThat(ana.id()).isEqualTo("rd-" + ANA_UUID + "-" + ANA_CONVERTED_MILLIS);
        assertThat(ana.format()).isEqualTo(Conversion.SourceFormat.LEGACY);
        assertThat(ana.eventType()).isEqualTo("WEBHOOK.LEGACY");
        assertThat(ana.occurredAt()).isEqualTo(Instant.parse("2024-05-20T19:40:12Z"));
        assertThat(ana.receivedAt()).isEqualTo(RECEIVED);
        assertThat(ana.lead().email()).isEqualTo("ana.exemplo@example.com");
        assertThat(ana.lead().name()).isEqualTo("Ana Exemplo");
        assertThat(ana.lead().phones()).containsExactly(
                new Phone(Phone.Kind.PERSONAL, "+55 (11) 3333-0001"),
                new Phone(Phone.Kind.MOBILE, "+55 (11) 98888-0001"));
        assertThat(ana.lead().company()).isEqualTo("Empresa Fictícia Ltda");
        assertThat(ana.lead().jobTitle()).isEqualTo("Gerente de Compras");
        assertThat(ana.lead().city()).isEqualTo("São Paulo");
        assertThat(ana.lead().state()).isEqualTo("SP");
        assertThat(ana.lead().tags()).containsExactly("ebook", "maio-2024");
        assertThat(ana.lead().customFields()).isEqualTo(Map.of(
                "Segmento", nodes.stringNode("Varejo"),
                "Nº de funcionários", nodes.stringNode("51-200"),
                "Interesses", nodes.stringNode("Fiscal, RH")));
        // the last conversion, not the first (ebook-tributario)
        assertThat(ana.conversionIdentifier()).isEqualTo("orcamento-site");
        assertThat(ana.traffic()).isEqualTo(new Traffic("(direct)", "(none)", "(direct)", "Direct"));
        assertThat(ana.rd()).isEqualTo(new RdIds("3100000001", ANA_UUID));
        assertThat(ana.rawLead()).isEqualTo(tree("legacy-one-lead.json").get("leads").get(0));
    }

    @Test
    void firstConversionEventUuidNeverNamesTheConversion() {
        // the sample's only event_uuid sits in first_conversion: using it would make this and every
        // later conversion of Ana a duplicate of her first e-book download
        Conversion ana = single(parse("legacy-one-lead.json"));
        assertThat(ana.id()).doesNotContain("aaaaaaaa-0000-4000-8000-000000000001").startsWith("rd-");
    }

    @Test
    void lastConversionEventUuidNamesTheConversion() {
        String body = """
                {"leads":[{"email":"a@example.com","uuid":"U-1",
                  "last_conversion":{"created_at":"2024-05-20T16:40:12.000-03:00",
                    "content":{"__cdp__original_event":{"event_uuid":"BBBBBBBB-1111-4000-8000-000000000002"}}}}]}
                """;
        assertThat(single(parse(body.getBytes(StandardCharsets.UTF_8))).id())
                .isEqualTo("evt-bbbbbbbb-1111-4000-8000-000000000002");
    }

    @Test
    void twoLeadsYieldTwoConversionsAndTheSameIdForTheSameLead() {
        ParseOutcome.Leads leads = (ParseOutcome.Leads) parse("legacy-two-leads.json");
        assertThat(leads.leadCount()).isEqualTo(2);
        assertThat(leads.rejected()).isEmpty();
        assertThat(leads.conversions()).hasSize(2);

        Conversion ana = leads.conversions().get(0);
        assertThat(ana).isEqualTo(single(parse("legacy-one-lead.json")));

        Conversion bruno = leads.conversions().get(1);
        assertThat(bruno.lead().email()).isEqualTo("bruno.teste@example.com");
        assertThat(bruno.lead().name()).isEqualTo("Bruno Teste");
        // mobile_phone "\N" is RD's "no value": dropped, the personal phone kept
        assertThat(bruno.lead().phones()).containsExactly(new Phone(Phone.Kind.PERSONAL, "21 3333 4444"));
        assertThat(bruno.lead().company()).isNull();
        assertThat(bruno.lead().tags()).isEmpty();
        assertThat(bruno.lead().customFields()).isEmpty();
        assertThat(bruno.conversionIdentifier()).isEqualTo("contato");
        assertThat(bruno.traffic()).isEqualTo(new Traffic("unknown", "unknown", "unknown", "Unknown"));
        assertThat(bruno.rd()).isEqualTo(new RdIds("3100000002", "0b5f3c1e-1111-4a2b-9c3d-000000000002"));
        assertThat(bruno.id()).isEqualTo("rd-0b5f3c1e-1111-4a2b-9c3d-000000000002-"
                + Instant.parse("2024-05-20T19:41:00Z").toEpochMilli());
    }

    @Test
    void webhookV2ConvertedIsMappedFieldByField() {
        Conversion ana = single(parse("v2-converted.json"));

        assertThat(ana.id()).isEqualTo("rd-" + ANA_UUID + "-" + ANA_CONVERTED_MILLIS);
        assertThat(ana.format()).isEqualTo(Conversion.SourceFormat.WEBHOOK_V2);
        assertThat(ana.eventType()).isEqualTo("WEBHOOK.CONVERTED");
        assertThat(ana.occurredAt()).isEqualTo(Instant.parse("2024-05-20T19:40:12Z"));
        assertThat(ana.lead().email()).isEqualTo("ana.exemplo@example.com");
        assertThat(ana.lead().name()).isEqualTo("Ana Exemplo");
        assertThat(ana.lead().phones()).containsExactly(
                new Phone(Phone.Kind.PERSONAL, "11 3333 0001"), new Phone(Phone.Kind.MOBILE, "11 98888 0001"));
        assertThat(ana.lead().company()).isEqualTo("Empresa Fictícia Ltda");
        assertThat(ana.lead().jobTitle()).isEqualTo("Gerente de Compras");
        assertThat(ana.lead().city()).isEqualTo("São Paulo");
        assertThat(ana.lead().state()).isNull();
        assertThat(ana.lead().tags()).containsExactly("ebook", "maio-2024");
        assertThat(ana.lead().customFields()).isEqualTo(Map.of(
                "cf_segmento", nodes.stringNode("Varejo"),
                "cf_interesses", nodes.arrayNode().add("Fiscal").add("RH"),
                "cf_aceita_contato", nodes.booleanNode(true)));
        assertThat(ana.conversionIdentifier()).isEqualTo("orcamento-site");
        assertThat(ana.traffic()).isEqualTo(new Traffic("Busca Paga | Google", null, null, null));
        assertThat(ana.rd()).isEqualTo(new RdIds(null, ANA_UUID));
        assertThat(ana.rawLead()).isEqualTo(tree("v2-converted.json").get("contact"));
    }

    @Test
    void webhookV2MarkedOpportunityIsAConversionToo() {
        Conversion ana = single(parse("v2-marked-opportunity.json"));
        assertThat(ana.eventType()).isEqualTo("WEBHOOK.MARKED_OPPORTUNITY");
        assertThat(ana.conversionIdentifier()).isNull();
        assertThat(ana.id()).isEqualTo("rd-" + ANA_UUID + "-" + ANA_CONVERTED_MILLIS);
    }

    @Test
    void eventsApiConversionIsMappedFieldByField() {
        Conversion carla = single(parse("events-api-conversion.json"));
        JsonNode payload = tree("events-api-conversion.json").get("payload");

        assertThat(carla.id()).matches("sha-[0-9a-f]{64}").isEqualTo(ConversionId.of(null, null, null, payload));
        assertThat(carla.format()).isEqualTo(Conversion.SourceFormat.EVENTS_API);
        assertThat(carla.eventType()).isEqualTo("CONVERSION");
        assertThat(carla.occurredAt()).isNull();
        assertThat(carla.lead().email()).isEqualTo("carla.modelo@example.com");
        assertThat(carla.lead().name()).isEqualTo("Carla Modelo");
        assertThat(carla.lead().phones()).containsExactly(
                new Phone(Phone.Kind.PERSONAL, "(31) 3222-0101"), new Phone(Phone.Kind.MOBILE, "+55 31 97777-0101"));
        assertThat(carla.lead().company()).isEqualTo("Modelo Engenharia");
        assertThat(carla.lead().city()).isEqualTo("Belo Horizonte");
        assertThat(carla.lead().state()).isEqualTo("MG");
        assertThat(carla.lead().tags()).containsExactly("orcamento");
        assertThat(carla.lead().customFields()).isEqualTo(Map.of(
                "cf_aplicacao", nodes.stringNode("Comercial"),
                "cf_conte_mais_sobre_seu_projeto", nodes.stringNode("Galpão de 800 m², entrega em março")));
        assertThat(carla.conversionIdentifier()).isEqualTo("orcamento-site");
        assertThat(carla.traffic()).isEqualTo(new Traffic("google", null, null, null));
        assertThat(carla.rd()).isEqualTo(RdIds.NONE);
        assertThat(carla.rawLead()).isEqualTo(payload);
    }

    @Test
    void seedConversionOfTheReplacedSystemIsAccepted() {
        Conversion seed = single(parse("seed-conversion.json"));
        assertThat(seed.lead().email()).isEqualTo("teste.api@3tc.com.br");
        assertThat(seed.lead().name()).isEqualTo("João Teste API");
        assertThat(seed.lead().phones()).containsExactly(new Phone(Phone.Kind.PERSONAL, "11999999999"));
        assertThat(seed.lead().customFields()).isEqualTo(Map.of(
                "cf_aplicacao", nodes.stringNode("Residencial"),
                "cf_conte_mais_sobre_seu_projeto", nodes.stringNode("Teste integração RD-Ploomes")));
        assertThat(seed.conversionIdentifier()).isNull();
        assertThat(seed.id()).startsWith("sha-");
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void everySampleSurvivesTheMessageCodec(String sample) {
        ConversionCodec codec = new ConversionCodec();
        for (Conversion conversion : ((ParseOutcome.Leads) parse(sample)).conversions()) {
            assertThat(codec.decode(codec.encode(conversion))).isEqualTo(conversion);
        }
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        Conversion bruno = ((ParseOutcome.Leads) parse("legacy-two-leads.json")).conversions().get(1);
        assertThat(tree("legacy-two-leads.json").at("/leads/1/email").stringValue()).isEqualTo(" Bruno.Teste@EXAMPLE.com ");
        assertThat(bruno.lead().email()).isEqualTo("bruno.teste@example.com");
    }

    @Test
    void leadsWithoutUsableEmailAreRejectedWithIndexAndReason() {
        ParseOutcome.Leads leads = (ParseOutcome.Leads) parse("""
                {"leads":[
                  {"name":"no e-mail"},
                  {"email":"   "},
                  {"email":"not-an-email"},
                  {"email":" Ok@Example.COM "},
                  {"email":42},
                  "not an object",
                  {"email":"two@@example.com"},
                  {"email":"\\\\N"}
                ]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(leads.leadCount()).isEqualTo(8);
        assertThat(leads.conversions()).extracting(c -> c.lead().email()).containsExactly("ok@example.com");
        assertThat(leads.rejected()).containsExactly(
                new RejectedLead(0, "the lead has no e-mail"),
                new RejectedLead(1, "the lead's e-mail is blank"),
                new RejectedLead(2, "the lead's e-mail is not an e-mail address"),
                new RejectedLead(4, "the lead's e-mail is not text"),
                new RejectedLead(5, "the lead is not a JSON object"),
                new RejectedLead(6, "the lead's e-mail is not an e-mail address"),
                new RejectedLead(7, "the lead's e-mail is blank"));
    }

    @Test
    void emptyLeadsArrayIsABodyWithoutLeads() {
        ParseOutcome.Leads leads = (ParseOutcome.Leads) parse("{\"leads\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(leads.leadCount()).isZero();
        assertThat(leads.conversions()).isEmpty();
    }

    @Test
    void looselyTypedScalarsAreTolerated() {
        Conversion conversion = single(parse("""
                {"leads":[{"id":31000000012345,"uuid":"U-2","email":"x@example.com","opportunity":"true",
                  "number_conversions":"3","interest":15,"tags":"a, b ,,c,a","city":"\\\\N","mobile_phone":"",
                  "unknown_field":{"nested":[1,2]},
                  "custom_fields":{"Qtd":"0.0","Vazio":"\\\\N","Nulo":null,"Lista":["x","y"],"Num":12.50},
                  "last_conversion":{"created_at":"2024-05-20T19:41:00Z","content":{"conversion_identifier":"form-x"}}}]}
                """.getBytes(StandardCharsets.UTF_8)));
        assertThat(conversion.rd().leadId()).isEqualTo("31000000012345");
        assertThat(conversion.lead().tags()).containsExactly("a", "b", "c");
        assertThat(conversion.lead().city()).isNull();
        assertThat(conversion.lead().phones()).isEmpty();
        assertThat(conversion.conversionIdentifier()).isEqualTo("form-x");
        assertThat(conversion.id()).isEqualTo("rd-u-2-" + Instant.parse("2024-05-20T19:41:00Z").toEpochMilli());
        assertThat(conversion.lead().customFields()).containsOnlyKeys("Qtd", "Lista", "Num");
        assertThat(conversion.lead().customFields().get("Lista").isArray()).isTrue();
        assertThat(conversion.lead().customFields().get("Num").toString()).isEqualTo("12.50");
    }

    @Test
    void legacyConversionIdentifierFallsBackToTheSource() {
        Conversion conversion = single(parse("""
                {"leads":[{"email":"x@example.com","last_conversion":{"source":"landing-1","content":{}}}]}
                """.getBytes(StandardCharsets.UTF_8)));
        assertThat(conversion.conversionIdentifier()).isEqualTo("landing-1");
        // no uuid and no timestamp: the hash of the lead
        assertThat(conversion.id()).startsWith("sha-");
    }

    @Test
    void hashIdIgnoresKeyOrderAndWhitespace() {
        String one = "{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"a@example.com\",\"name\":\"A\"}}";
        String two = "{ \"payload\" : { \"name\" : \"A\",\n \"email\" : \"a@example.com\" }, \"event_type\" : \"CONVERSION\" }";
        assertThat(single(parse(one.getBytes(StandardCharsets.UTF_8))).id())
                .isEqualTo(single(parse(two.getBytes(StandardCharsets.UTF_8))).id());
    }

    @Test
    void eventTypeCaseIsForgivenAndNormalised() {
        Conversion conversion = single(parse("{\"event_type\":\"conversion\",\"payload\":{\"email\":\"a@example.com\"}}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(conversion.eventType()).isEqualTo("CONVERSION");
    }

    @Test
    void textIsDecodedAsUtf8WithAccentsAndEmoji() {
        String name = "José Ação Ñandú 🚀 \u00e7\u00e3";
        byte[] body = ("\uFEFF{\"event_type\":\"CONVERSION\",\"payload\":{\"email\":\"j@example.com\",\"name\":\"" + name + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(single(parse(body)).lead().name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"event_type\":\"WEBHOOK.CONTACT_UPDATED\",\"contact\":{\"email\":\"a@example.com\"}}",
        "{\"event_type\":\"OPPORTUNITY\",\"event_family\":\"CDP\",\"payload\":{\"email\":\"a@example.com\"}}",
        "{\"event_type\":\"PAGE_VISITED\",\"payload\":{}}"
    })
    void otherEventTypesAreIgnored(String body) {
        ParseOutcome outcome = parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(ParseOutcome.Ignored.class);
        ParseOutcome.Ignored ignored = (ParseOutcome.Ignored) outcome;
        assertThat(ignored.reason()).isEqualTo("event type " + ignored.eventType() + " is not a conversion");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "\"text\"", "42", "null", "{}", "{\"foo\":1}", "{\"leads\":{}}", "{\"leads\":\"x\"}",
        "{\"event_type\":\"CONVERSION\"}", "{\"event_type\":\"CONVERSION\",\"payload\":[]}",
        "{\"event_type\":\"WEBHOOK.CONVERTED\"}", "{\"event_type\":\"WEBHOOK.CONVERTED\",\"contact\":\"x\"}",
        "{\"event_type\":7,\"payload\":{}}", "{\"event_type\":\" \",\"payload\":{}}",
        "{\"eventType\":\"CONVERSION\",\"payload\":{\"email\":\"a@example.com\"}}"
    })
    void otherShapesAreRefusedNamingTheAcceptedOnes(String body) {
        ParseOutcome outcome = parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(ParseOutcome.Refused.class);
        ParseOutcome.Refused refused = (ParseOutcome.Refused) outcome;
        assertThat(refused.problem()).isEqualTo(ParseOutcome.Problem.UNKNOWN_SHAPE);
        assertThat(refused.detail()).contains("\"leads\"", "WEBHOOK.CONVERTED", "WEBHOOK.MARKED_OPPORTUNITY", "\"CONVERSION\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{", "{\"leads\":[}", "{\"leads\":[]} trailing", "{'leads':[]}", "nul"})
    void malformedJsonIsRefused(String body) {
        ParseOutcome outcome = parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(ParseOutcome.Refused.class);
        assertThat(((ParseOutcome.Refused) outcome).problem()).isEqualTo(ParseOutcome.Problem.MALFORMED);
    }

    @Test
    void malformedDetailDoesNotEchoTheBody() {
        ParseOutcome.Refused refused = (ParseOutcome.Refused) parse("{\"email\": secret-value}".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.detail()).doesNotContain("secret").contains("line 1");
    }

    private ParseOutcome parse(String sample) {
        return parse(Samples.bytes(sample));
    }

    private ParseOutcome parse(byte[] body) {
        return parser.parse(body, RECEIVED);
    }

    private JsonNode tree(String sample) {
        return json.readTree(Samples.bytes(sample));
    }

    private static Conversion single(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Leads.class);
        ParseOutcome.Leads leads = (ParseOutcome.Leads) outcome;
        assertThat(leads.rejected()).isEmpty();
        assertThat(leads.conversions()).hasSize(1);
        return leads.conversions().get(0);
    }
}
