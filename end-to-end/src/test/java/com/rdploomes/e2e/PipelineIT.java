package com.rdploomes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The whole pipeline as an operator runs it: simulator, worker and receiver started from their jars on the
 * real broker, every RD sample posted to the webhook, and the simulator's store checked afterwards.
 */
class PipelineIT {

    private static final String TOKEN = "e2e-token";
    private static final String KEY = "e2e-ploomes-key";
    private static final String PREFIX = TestBroker.uniquePrefix("e2e");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess simulator;
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
        Map<String, String> workerEnv = new HashMap<>(common);
        workerEnv.put("MANAGEMENT_PORT", Integer.toString(workerPort));
        workerEnv.put("PLOOMES_API_URL", "http://127.0.0.1:" + simulatorPort);
        workerEnv.put("PLOOMES_API_KEY", KEY);
        workerEnv.put("PLOOMES_PIPELINE_ID", "40030343");
        workerEnv.put("PLOOMES_STAGE_ID", "40303847");
        workerEnv.put("PLOOMES_OWNER_ID", "120001");
        ServiceProcess worker = track(ServiceProcess.start("ploomes-worker", workerPort, workerEnv));

        int receiverPort = ServiceProcess.freePort();
        Map<String, String> receiverEnv = new HashMap<>(common);
        receiverEnv.put("PORT", Integer.toString(receiverPort));
        receiverEnv.put("WEBHOOK_TOKEN", TOKEN);
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
        CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setVirtualHost(broker.virtualHost());
        RabbitAdmin admin = new RabbitAdmin(connections);
        Topology topology = new Topology(PREFIX, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 20);
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
        connections.destroy();
    }

    @Test
    void everySampleBecomesContactsDealsAndNotesInPloomes() throws Exception {
        Map<String, Integer> expectedConversions = Map.of(
                "legacy-one-lead.json", 1, "legacy-two-leads.json", 2, "v2-converted.json", 1,
                "v2-marked-opportunity.json", 1, "events-api-conversion.json", 1, "seed-conversion.json", 1);
        List<Path> samples;
        try (var files = Files.list(Path.of(System.getProperty("rdploomes.samples")))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(samples).hasSize(expectedConversions.size());

        int published = 0;
        // the legacy body first, so later conversions of Ana find the contact and deal it created
        for (String name : List.of("legacy-one-lead.json", "legacy-two-leads.json", "v2-converted.json",
                "v2-marked-opportunity.json", "events-api-conversion.json", "seed-conversion.json")) {
            HttpResponse<String> answer = postWebhook(Files.readAllBytes(samples.stream()
                    .filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow()));
            assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(202);
            assertThat(JSON.readTree(answer.body()).get("conversionIds")).as(name).hasSize(expectedConversions.get(name));
            published += expectedConversions.get(name);
        }
        int conversions = published;

        await().atMost(Duration.ofSeconds(60)).until(() -> ploomes("/InteractionRecords").size() == conversions);

        List<JsonNode> contacts = ploomes("/Contacts");
        assertThat(contacts).extracting(c -> c.get("Email").asString()).containsExactlyInAnyOrder(
                "ana.exemplo@example.com", "bruno.teste@example.com", "carla.modelo@example.com", "teste.api@3tc.com.br");
        assertThat(byEmail(contacts, "ana.exemplo@example.com").get("Name").asString()).isEqualTo("Ana Exemplo");
        assertThat(phones(byEmail(contacts, "ana.exemplo@example.com"))).containsExactly("(11) 3333-0001", "(11) 98888-0001");
        assertThat(phones(byEmail(contacts, "bruno.teste@example.com"))).containsExactly("(21) 3333-4444");
        assertThat(phones(byEmail(contacts, "carla.modelo@example.com"))).containsExactly("(31) 3222-0101", "(31) 97777-0101");
        assertThat(byEmail(contacts, "teste.api@3tc.com.br").get("Name").asString()).isEqualTo("João Teste API");
        assertThat(contacts).allSatisfy(c -> assertThat(c.get("TypeId").asInt()).isEqualTo(2));

        List<JsonNode> deals = ploomes("/Deals");
        assertThat(deals).hasSize(4);
        assertThat(deals).allSatisfy(deal -> {
            assertThat(deal.get("PipelineId").asLong()).isEqualTo(40030343L);
            assertThat(deal.get("StageId").asLong()).isEqualTo(40303847L);
            assertThat(deal.get("OwnerId").asLong()).isEqualTo(120001L);
            assertThat(deal.get("StatusId").asInt()).isEqualTo(1);
        });
        JsonNode ana = byEmail(contacts, "ana.exemplo@example.com");
        List<JsonNode> anasDeals = deals.stream().filter(d -> d.get("ContactId").asLong() == ana.get("Id").asLong()).toList();
        assertThat(anasDeals).singleElement()
                .satisfies(d -> assertThat(d.get("Title").asString()).isEqualTo("RD | Ana Exemplo | orcamento-site"));
        assertThat(deals).extracting(d -> d.get("Title").asString())
                .contains("RD | Carla Modelo | orcamento-site", "RD | Bruno Teste | contato");

        // Ana converted four times (one of them an RD redelivery of the same conversion): one contact, one deal, a note each time
        List<JsonNode> notes = ploomes("/InteractionRecords");
        List<JsonNode> anasNotes = notes.stream().filter(n -> n.get("ContactId").asLong() == ana.get("Id").asLong()).toList();
        assertThat(anasNotes).hasSize(4).allSatisfy(n -> {
            assertThat(n.get("DealId").asLong()).isEqualTo(anasDeals.getFirst().get("Id").asLong());
            assertThat(n.get("Content").asString()).contains("Conversão no RD Station", "ID da conversão:");
        });
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
        return HTTP.send(HttpRequest.newBuilder(receiver.url("/webhook/rdstation"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> ploomes(String set) throws IOException, InterruptedException {
        URI uri = simulator.url(set);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).header("User-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(set).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(answer.body()).get("value").spliterator(), false).toList();
    }

    private static JsonNode byEmail(List<JsonNode> contacts, String email) {
        return contacts.stream().filter(c -> c.get("Email").asString().equals(email)).findFirst().orElseThrow();
    }

    private static List<String> phones(JsonNode contact) {
        return StreamSupport.stream(contact.path("Phones").spliterator(), false)
                .map(p -> p.get("PhoneNumber").asString()).toList();
    }

    private static ServiceProcess track(ServiceProcess service) {
        SERVICES.add(service);
        return service;
    }
}
