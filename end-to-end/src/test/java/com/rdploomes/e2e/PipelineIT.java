package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline as an operator runs it: simulator, worker (with the example field mapping and four
 * consumers) and receiver started from their jars on the real broker, every RD sample posted to the webhook,
 * and what the simulator then holds checked field by field: contacts with typed phones and mapped fields,
 * deals with mapped fields, one note per conversion (a conversion delivered twice writes one).
 */
class PipelineIT {

    private static final String TOKEN = "e2e-token";
    private static final String KEY = "e2e-ploomes-key";
    private static final String PREFIX = TestBroker.uniquePrefix("e2e");
    private static final Path ROOT = Path.of(System.getProperty("rdploomes.root", ".."));
    private static final String C = "contact_7B1E0C1A-0000-4000-8000-00000000C00";
    private static final String D = "deal_7B1E0C1A-0000-4000-8000-00000000A00";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static final List<String> PREFIXES = new ArrayList<>(List.of(PREFIX));
    private static Map<String, String> workerEnv;
    private static ServiceProcess simulator;
    private static ServiceProcess worker;
    private static ServiceProcess receiver;

    @BeforeAll
    static void startThePipeline() throws Exception {
        TestBroker broker = TestBroker.get();
        Map<String, String> common = new HashMap<>(broker.environment());
        common.put("TOPOLOGY_PREFIX", PREFIX);
        common.put("RETRY_DELAYS", "1s,2s");

        int simulatorPort = ServiceProcess.freePort();
        Map<String, String> simulatorEnv = new HashMap<>(common);
        simulatorEnv.put("SIMULATOR_PORT", Integer.toString(simulatorPort));
        simulator = track(ServiceProcess.start("ploomes-simulator", simulatorPort, simulatorEnv));

        int workerPort = ServiceProcess.freePort();
        workerEnv = new HashMap<>(common);
        workerEnv.put("PLOOMES_API_URL", "http://127.0.0.1:" + simulatorPort);
        workerEnv.put("PLOOMES_API_KEY", KEY);
        workerEnv.put("PLOOMES_PIPELINE_ID", "40030343");
        workerEnv.put("PLOOMES_STAGE_ID", "40303847");
        workerEnv.put("PLOOMES_OWNER_ID", "120001");
        workerEnv.put("FIELD_MAPPING_FILE", ROOT.resolve("config/field-mapping.example.yml").toString());
        workerEnv.put("WORKER_CONCURRENCY", "4");
        Map<String, String> env = new HashMap<>(workerEnv);
        env.put("MANAGEMENT_PORT", Integer.toString(workerPort));
        worker = track(ServiceProcess.start("ploomes-worker", workerPort, env));

        int receiverPort = ServiceProcess.freePort();
        Map<String, String> receiverEnv = new HashMap<>(common);
        receiverEnv.put("PORT", Integer.toString(receiverPort));
        receiverEnv.put("WEBHOOK_TOKEN", TOKEN);
        receiverEnv.put("SPOOL_DIR", Files.createTempDirectory("e2e-spool").toString());
        receiver = track(ServiceProcess.start("webhook-receiver", receiverPort, receiverEnv));

        simulator.awaitHealthy("/actuator/health");
        worker.awaitHealthy("/actuator/health");
        receiver.awaitHealthy("/actuator/health");
    }

    @AfterAll
    static void stopAndLeaveTheBrokerAsFound() throws Exception {
        for (ServiceProcess service : SERVICES.reversed()) {
            service.close();
        }
        TestBroker broker = TestBroker.get();
        CachingConnectionFactory connections = broker.connectionFactory();
        RabbitAdmin admin = new RabbitAdmin(connections);
        for (String prefix : PREFIXES) {
            Topology topology = new Topology(prefix, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 20);
            topology.allQueues().forEach(admin::deleteQueue);
            admin.deleteExchange(topology.exchange());
        }
        connections.destroy();
    }

    @Test
    void everySampleBecomesContactsDealsAndNotesWithMappedFieldsAndTypedPhones() throws Exception {
        Map<String, Integer> expectedConversions = Map.of(
                "legacy-one-lead.json", 1, "legacy-two-leads.json", 2, "v2-converted.json", 1,
                "v2-marked-opportunity.json", 1, "events-api-conversion.json", 1, "seed-conversion.json", 1);
        List<Path> samples;
        try (var files = Files.list(Path.of(System.getProperty("rdploomes.samples")))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(samples).hasSize(expectedConversions.size());

        // one body at a time, each processed before the next: with four consumers the order would otherwise vary
        for (String name : List.of("legacy-one-lead.json", "legacy-two-leads.json", "v2-converted.json",
                "v2-marked-opportunity.json", "events-api-conversion.json", "seed-conversion.json")) {
            double processed = processed();
            HttpResponse<String> answer = postWebhook(Files.readAllBytes(samples.stream()
                    .filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow()));
            assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(202);
            assertThat(JSON.readTree(answer.body()).get("conversionIds")).as(name).hasSize(expectedConversions.get(name));
            await().atMost(Duration.ofSeconds(30)).until(() -> processed() >= processed + expectedConversions.get(name));
        }

        List<JsonNode> contacts = ploomes("/Contacts?$expand=Phones,OtherProperties");
        List<String> sampleEmails = List.of("ana.exemplo@example.com", "bruno.teste@example.com",
                "carla.modelo@example.com", "teste.api@3tc.com.br");
        assertThat(contacts).extracting(c -> c.get("Email").asString()).containsAll(sampleEmails);
        for (String email : sampleEmails) {
            assertThat(contacts.stream().filter(c -> c.get("Email").asString().equals(email))).as(email).hasSize(1);
        }
        JsonNode ana = byEmail(contacts, "ana.exemplo@example.com");
        assertThat(ana.get("Name").asString()).isEqualTo("Ana Exemplo");
        assertThat(ana.get("TypeId").asInt()).isEqualTo(2);
        // phones in the national format, typed from GET /PhoneTypes: 1 Comercial, 2 Celular
        assertThat(phones(ana)).containsExactly("(11) 3333-0001 type 1 country 76", "(11) 98888-0001 type 2 country 76");
        assertThat(phones(byEmail(contacts, "bruno.teste@example.com"))).containsExactly("(21) 3333-4444 type 1 country 76");
        assertThat(phones(byEmail(contacts, "carla.modelo@example.com")))
                .containsExactly("(31) 3222-0101 type 1 country 76", "(31) 97777-0101 type 2 country 76");
        assertThat(phones(byEmail(contacts, "teste.api@3tc.com.br"))).containsExactly("(11) 99999-9999 type 2 country 76");
        // Ana's contact fields: Segmento and Interesses from the legacy labels when she was created; Aceita
        // contato, empty until then, filled by the later 2.0 event; nothing typed over
        assertThat(fields(ana)).containsExactlyInAnyOrderEntriesOf(Map.of(
                C + "1", "StringValue=Varejo", C + "2", "BigStringValue=Fiscal, RH", C + "3", "BoolValue=true"));
        assertThat(fields(byEmail(contacts, "teste.api@3tc.com.br"))).isEmpty();

        List<JsonNode> deals = ploomes("/Deals?$expand=OtherProperties");
        JsonNode anasDeal = dealOf(deals, ana);
        assertThat(anasDeal.get("Title").asString()).isEqualTo("RD | Ana Exemplo | orcamento-site");
        assertThat(anasDeal.get("PipelineId").asLong()).isEqualTo(40030343L);
        assertThat(anasDeal.get("StageId").asLong()).isEqualTo(40303847L);
        assertThat(anasDeal.get("OwnerId").asLong()).isEqualTo(120001L);
        assertThat(anasDeal.get("StatusId").asInt()).isEqualTo(1);
        assertThat(fields(anasDeal)).containsExactlyInAnyOrderEntriesOf(Map.of(
                D + "3", "StringValue=(direct)", D + "4", "StringValue=orcamento-site",
                D + "5", "DateTimeValue=2024-05-20T16:40:12-03:00", D + "7", "IntegerValue=2", D + "8", "BoolValue=false"));
        JsonNode carlasDeal = dealOf(deals, byEmail(contacts, "carla.modelo@example.com"));
        assertThat(fields(carlasDeal)).containsEntry(D + "1", "StringValue=Comercial")
                .containsEntry(D + "2", "BigStringValue=Galpão de 800 m², entrega em março")
                .containsEntry(D + "6", "IntegerValue=9102")
                .containsEntry(D + "3", "StringValue=google")
                .containsEntry(D + "4", "StringValue=orcamento-site")
                .containsKey(D + "5");
        JsonNode joaosDeal = dealOf(deals, byEmail(contacts, "teste.api@3tc.com.br"));
        assertThat(joaosDeal.get("Title").asString()).isEqualTo("RD | João Teste API | conversão");
        assertThat(fields(joaosDeal)).containsEntry(D + "1", "StringValue=Residencial")
                .containsEntry(D + "2", "BigStringValue=Teste integração RD-Ploomes")
                .containsEntry(D + "6", "IntegerValue=9101");
        assertThat(fields(dealOf(deals, byEmail(contacts, "bruno.teste@example.com"))))
                .containsEntry(D + "8", "BoolValue=true");

        // Ana's conversion came three times (both legacy bodies and the 2.0 one): one note; the marking as an
        // opportunity is an event of its own: a second note, saying so
        List<JsonNode> anasNotes = ploomes("/InteractionRecords?$filter="
                + URLEncoder.encode("ContactId eq " + ana.get("Id").asLong(), StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(anasNotes).hasSize(2).allSatisfy(n ->
                assertThat(n.get("DealId").asLong()).isEqualTo(anasDeal.get("Id").asLong()));
        assertThat(anasNotes).extracting(n -> n.get("Content").asString())
                .anySatisfy(content -> assertThat(content).startsWith("Conversão no RD Station: orcamento-site")
                        .contains("- Segmento: Varejo", "- Interesses: Fiscal, RH")
                        .endsWith("ID da conversão: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"))
                .anySatisfy(content -> assertThat(content).startsWith("Lead marcado como oportunidade no RD Station.")
                        .contains("- Aceita contato: sim")
                        .endsWith("ID da oportunidade: rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000"));
    }

    @Test
    void twentyConversionsOfOneEmailAtOnceMakeOneContactAndOneDeal() throws Exception {
        String email = "simultanea-" + System.nanoTime() + "@example.com";
        double processed = processed();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // the same lead on twenty forms, its e-mail written as differently as senders write it
            String sent = i % 2 == 0 ? email : "  " + email.toUpperCase() + " ";
            byte[] body = """
                    {"event_type":"CONVERSION","payload":{"conversion_identifier":"form-%d","name":"Simultânea",
                     "email":"%s","mobile_phone":"(11) 8888-0001","cf_aplicacao":"Industrial"}}""".formatted(i, sent)
                    .getBytes(StandardCharsets.UTF_8);
            posts.add(HTTP.sendAsync(webhook(body), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            assertThat(post.get().statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> processed() >= processed + 20);

        List<JsonNode> contacts = ploomes("/Contacts?$expand=Phones").stream()
                .filter(c -> c.get("Email").asString().equals(email)).toList();
        assertThat(contacts).hasSize(1);
        // an old 8-digit mobile gets its ninth digit
        assertThat(phones(contacts.getFirst())).containsExactly("(11) 98888-0001 type 2 country 76");
        long contact = contacts.getFirst().get("Id").asLong();
        List<JsonNode> deals = ploomes("/Deals?$expand=OtherProperties").stream()
                .filter(d -> d.get("ContactId").asLong() == contact).toList();
        assertThat(deals).hasSize(1);
        assertThat(fields(deals.getFirst())).containsEntry(D + "6", "IntegerValue=9103");
        assertThat(ploomes("/InteractionRecords").stream().filter(n -> n.get("ContactId").asLong() == contact))
                .hasSize(20);
    }

    @Test
    void aWrongStageStopsAWorkerNamingItAndTheValidStages() throws Exception {
        String prefix = TestBroker.uniquePrefix("e2e-misconfigured");
        PREFIXES.add(prefix);
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(workerEnv);
        env.put("TOPOLOGY_PREFIX", prefix);
        env.put("MANAGEMENT_PORT", Integer.toString(port));
        env.put("PLOOMES_STAGE_ID", "40303849");
        ServiceProcess misconfigured = track(ServiceProcess.start("ploomes-worker", "ploomes-worker-misconfigured", port, env));

        await().atMost(Duration.ofSeconds(90)).until(() -> !misconfigured.isAlive());
        assertThat(misconfigured.logText()).contains("PLOOMES_STAGE_ID=40303849 is not a stage of pipeline 40030343 "
                + "(Funil RD Station) (it is a stage of pipeline 40030344 (Outro funil)); stages of 40030343: "
                + "40303847 (Novo lead), 40303848 (Qualificado)");
    }

    @Test
    void aWrongTokenIsRefusedAndNothingReachesPloomes() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation?token=wrong"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"leads\":[{\"email\":\"intruso@example.com\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(ploomes("/Contacts")).noneMatch(c -> c.get("Email").asString().equals("intruso@example.com"));
    }

    private static HttpResponse<String> postWebhook(byte[] body) throws IOException, InterruptedException {
        return HTTP.send(webhook(body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest webhook(byte[] body) {
        return HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Conversions the worker finished (rdploomes_worker_processed_total). */
    private static double processed() throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(worker.url("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("rdploomes_worker_processed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static List<JsonNode> ploomes(String setAndQuery) throws IOException, InterruptedException {
        URI uri = simulator.url(setAndQuery);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).header("User-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(setAndQuery).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(answer.body()).get("value").spliterator(), false).toList();
    }

    private static JsonNode byEmail(List<JsonNode> contacts, String email) {
        return contacts.stream().filter(c -> c.get("Email").asString().equals(email)).findFirst().orElseThrow();
    }

    private static JsonNode dealOf(List<JsonNode> deals, JsonNode contact) {
        List<JsonNode> hers = deals.stream().filter(d -> d.get("ContactId").asLong() == contact.get("Id").asLong()).toList();
        assertThat(hers).as("deals of " + contact.get("Email")).hasSize(1);
        return hers.getFirst();
    }

    private static List<String> phones(JsonNode contact) {
        return StreamSupport.stream(contact.path("Phones").spliterator(), false)
                .map(p -> p.get("PhoneNumber").asString() + " type " + p.path("TypeId").asInt() + " country "
                        + p.path("CountryId").asInt())
                .toList();
    }

    /** FieldKey → "ValueProperty=value" of every custom field as stored. */
    private static Map<String, String> fields(JsonNode entity) {
        Map<String, String> fields = new HashMap<>();
        entity.path("OtherProperties").forEach(property -> property.properties().forEach(entry -> {
            if (!entry.getKey().equals("FieldKey")) {
                fields.put(property.get("FieldKey").asString(), entry.getKey() + "=" + entry.getValue().asString());
            }
        }));
        return fields;
    }

    private static ServiceProcess track(ServiceProcess service) {
        SERVICES.add(service);
        return service;
    }
}
