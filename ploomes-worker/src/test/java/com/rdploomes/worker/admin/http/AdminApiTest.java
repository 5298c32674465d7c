package com.rdploomes.worker.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.FailureHeaders;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;
import com.rdploomes.worker.admin.deadletters.ReplayHeaders;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;

import tools.jackson.databind.JsonNode;

/** The admin API on the running worker: a real broker, the worker consuming its input queue, a fake Ploomes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class: a cached context could later redeclare the queues this class deletes
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class AdminApiTest {

    static final String TOKEN = "test-admin-token-0123456789";
    private static final DeadLetterQueue QUEUES = DeadLetterQueue.create("adminapi");
    private static final FakePloomes PLOOMES = fakePloomes();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        QueuesForTheWorker.register(registry, QUEUES, PLOOMES);
        registry.add("rd-ploomes.admin.token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    private AdminHttp admin;
    private String dlq;
    private String input;

    @BeforeEach
    void clean() {
        PLOOMES.reset();
        admin = new AdminHttp(port, AdminHttp.bearer(TOKEN));
        dlq = QUEUES.topology().deadLetterQueue();
        input = QUEUES.topology().inputQueue();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> job = admin.get("/admin/dead-letters/replays/current");
            return job.statusCode() == 404 || !"running".equals(AdminHttp.json(job).path("state").stringValue());
        });
        QUEUES.drain(dlq);
        QUEUES.drain(input);
    }

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        QUEUES.close();
        PLOOMES.close();
    }

    @Test
    void withoutTheTokenEverythingUnderAdminIs401AndHealthStaysOpen() {
        for (String authorization : new String[] {null, AdminHttp.bearer("wrong"), AdminHttp.basic("admin", "wrong"), "Basic !!!", "Token " + TOKEN}) {
            AdminHttp stranger = new AdminHttp(port, authorization);
            for (String path : List.of("/admin", "/admin/dead-letters", "/admin/status", "/admin/dead-letters/x")) {
                HttpResponse<String> response = stranger.get(path);
                assertThat(response.statusCode()).as(authorization + " " + path).isEqualTo(401);
                assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm="));
                assertThat(response.body()).doesNotContain(TOKEN);
            }
            assertThat(stranger.postJson("/admin/dead-letters/discard", "{\"all\":true}").statusCode()).isEqualTo(401);
        }
        assertThat(new AdminHttp(port, null).get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void bearerAndBasicWithTheTokenAsPasswordAreBothAccepted() {
        assertThat(admin.get("/admin/dead-letters").statusCode()).isEqualTo(200);
        assertThat(new AdminHttp(port, AdminHttp.basic("anyone", TOKEN)).get("/admin/dead-letters").statusCode()).isEqualTo(200);
    }

    @Test
    void theListHasSummariesWithMaskedEmailsAndCountsByReason() {
        QUEUES.park("rd-1", "ana.exemplo@example.com", "ploomes-4xx");
        QUEUES.park("rd-2", "bruno@example.com", "ploomes-unavailable");
        QUEUES.park("rd-3", "carla@example.com", "ploomes-4xx");

        HttpResponse<String> response = admin.get("/admin/dead-letters?reason=ploomes-4xx&limit=1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = AdminHttp.json(response);
        assertThat(body.path("survey").path("in_queue").intValue()).isEqualTo(3);
        assertThat(body.path("survey").path("matched").intValue()).isEqualTo(2);
        assertThat(body.path("survey").path("by_reason").path("ploomes-4xx").intValue()).isEqualTo(2);
        assertThat(body.path("dead_letters")).hasSize(1);
        assertThat(body.path("truncated").booleanValue()).isTrue();
        JsonNode first = body.path("dead_letters").get(0);
        assertThat(first.path("conversion_id").stringValue()).isEqualTo("rd-1");
        assertThat(first.path("email").stringValue()).isEqualTo("a***@example.com");
        assertThat(first.path("attempts").intValue()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("ana.exemplo@example.com");
        assertThat(admin.get("/admin/dead-letters?since=tomorrow").statusCode()).isEqualTo(400);
    }

    @Test
    void oneDeadLetterInFullOr404() {
        QUEUES.park("rd-1", "ana@example.com", "ploomes-4xx");

        JsonNode shown = AdminHttp.json(admin.get("/admin/dead-letters/rd-1"));
        assertThat(shown.path("copies").intValue()).isEqualTo(1);
        assertThat(shown.path("dead_letter").path("headers").path(FailureHeaders.REASON).stringValue()).isEqualTo("ploomes-4xx");
        assertThat(shown.path("dead_letter").path("body").path("lead").path("email").stringValue()).isEqualTo("ana@example.com");
        assertThat(shown.path("dead_letter").path("properties").path("message_id").stringValue()).isEqualTo("rd-1");

        HttpResponse<String> missing = admin.get("/admin/dead-letters/rd-none");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    }

    @Test
    void aReplayRunsInTheBackgroundAndTheWorkerThenCreatesTheContact() {
        QUEUES.park("rd-replay", "ana@example.com", "ploomes-4xx");

        HttpResponse<String> started = admin.postJson("/admin/dead-letters/replay", "{\"ids\":[\"rd-replay\"],\"rate_per_minute\":600}");

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).contains("/admin/dead-letters/replays/current");
        assertThat(AdminHttp.json(started).path("state").stringValue()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(job().path("state").stringValue()));
        assertThat(job().path("replayed").intValue()).isEqualTo(1);
        // the worker, consuming the input queue all along, takes it like any other conversion
        await().atMost(Duration.ofSeconds(20)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertThat(PLOOMES.requests("POST /Contacts")).hasSize(1);
        assertThat(QUEUES.depth(dlq)).isZero();
        assertThat(metric("rdploomes_dead_letters_replayed_total{", "reason=\"ploomes-4xx\"")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aReplayedConversionThatFailsAgainStartsItsAttemptsOverAndKeepsItsHistory() {
        PLOOMES.always("GET /Contacts", Answer.json(400, "{\"error\":{\"message\":\"The field cf_segmento does not exist\"}}"));
        QUEUES.park("rd-again", "ana@example.com", "ploomes-4xx");

        admin.postJson("/admin/dead-letters/replay", "{\"ids\":[\"rd-again\"],\"rate_per_minute\":600}");

        await().atMost(Duration.ofSeconds(20)).until(() -> PLOOMES.requests("GET /Contacts").size() >= 1 && QUEUES.depth(dlq) == 1);
        DeadLetterQueue.Message back = QUEUES.peek(dlq).getFirst();
        assertThat(back.id()).isEqualTo("rd-again");
        assertThat(back.header(FailureHeaders.ATTEMPT)).isEqualTo(1);
        assertThat(back.header(ReplayHeaders.REPLAY_COUNT)).isEqualTo(1);
        assertThat(back.header(ReplayHeaders.REPLAYED_REASON)).isEqualTo("ploomes-4xx");
        assertThat(back.header(FailureHeaders.DETAIL).toString()).contains("cf_segmento");
    }

    @Test
    void oneReplayAtATimeAndAStopLeavesTheRestInTheQueue() {
        QUEUES.park("rd-s1", "a@example.com", "ploomes-unavailable");
        QUEUES.park("rd-s2", "b@example.com", "ploomes-unavailable");
        QUEUES.park("rd-s3", "c@example.com", "ploomes-unavailable");

        assertThat(admin.postJson("/admin/dead-letters/replay", "{\"all\":true,\"rate_per_minute\":1}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> job().path("replayed").intValue() == 1);
        HttpResponse<String> second = admin.postJson("/admin/dead-letters/replay", "{\"all\":true}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(AdminHttp.json(second).path("detail").stringValue()).contains("already running");

        assertThat(admin.postJson("/admin/dead-letters/replays/current/stop", "{}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> "stopped".equals(job().path("state").stringValue()));
        assertThat(job().path("replayed").intValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> QUEUES.depth(dlq) == 2);
    }

    @Test
    void aDryRunAnswersAtOnceAndMovesNothing() {
        QUEUES.park("rd-d1", "a@example.com", "ploomes-4xx");

        HttpResponse<String> response = admin.postJson("/admin/dead-letters/replay", "{\"reason\":\"ploomes-4xx\",\"dry_run\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.json(response).path("moved").intValue()).isEqualTo(1);
        assertThat(AdminHttp.json(response).path("dry_run").booleanValue()).isTrue();
        assertThat(QUEUES.depth(dlq)).isEqualTo(1);
        assertThat(QUEUES.depth(input)).isZero();
    }

    @Test
    void aDiscardRemovesTheSelectedAndIsCounted() {
        QUEUES.park("rd-x1", "a@example.com", "invalid-message");
        QUEUES.park("rd-x2", "b@example.com", "ploomes-4xx");

        HttpResponse<String> response = admin.postJson("/admin/dead-letters/discard", "{\"ids\":[\"rd-x1\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.json(response).path("moved_ids").get(0).stringValue()).isEqualTo("rd-x1");
        assertThat(QUEUES.ids(dlq)).containsExactly("rd-x2");
        assertThat(metric("rdploomes_dead_letters_discarded_total{", "reason=\"invalid-message\"")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void whatCannotBeRightIsRefusedWithAProblem() {
        QUEUES.park("rd-r1", "a@example.com", "ploomes-4xx");

        HttpResponse<String> empty = admin.postJson("/admin/dead-letters/discard", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(AdminHttp.json(empty).path("detail").stringValue()).contains("say which dead letters");
        assertThat(admin.postJson("/admin/dead-letters/replay", "{\"all\":true,\"ids\":[\"rd-r1\"]}").statusCode()).isEqualTo(400);
        assertThat(admin.postJson("/admin/dead-letters/replay", "{\"all\":true,\"rate_per_minute\":0}").statusCode()).isEqualTo(400);
        // a form post (what another site's page could make a logged-in browser send) is not accepted
        assertThat(admin.post("/admin/dead-letters/discard", "application/x-www-form-urlencoded", "all=true").statusCode()).isEqualTo(415);
        assertThat(admin.send(admin.request("/admin/dead-letters/discard").header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"all\":true}")).build())
                .statusCode()).isEqualTo(403);
        assertThat(admin.send(admin.request("/admin/dead-letters/discard").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"all\":true}")).build())
                .statusCode()).isEqualTo(403);
        assertThat(QUEUES.depth(dlq)).isEqualTo(1);
    }

    @Test
    void exportAndImportOverHttp() {
        QUEUES.park("rd-e1", "a@example.com", "ploomes-4xx");
        QUEUES.park("rd-e2", "b@example.com", "worker-error");

        HttpResponse<String> exported = admin.get("/admin/dead-letters/export?all=true");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        assertThat(exported.body().lines()).hasSize(2);
        assertThat(QUEUES.depth(dlq)).isEqualTo(2);
        assertThat(admin.get("/admin/dead-letters/export").statusCode()).isEqualTo(400);

        QUEUES.drain(dlq);
        HttpResponse<String> imported = admin.post("/admin/dead-letters/import", "application/x-ndjson", exported.body());
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.json(imported).path("imported").intValue()).isEqualTo(2);
        assertThat(QUEUES.ids(dlq)).containsExactly("rd-e1", "rd-e2");

        HttpResponse<String> damaged = admin.post("/admin/dead-letters/import", "application/x-ndjson", "not json\n");
        assertThat(damaged.statusCode()).isEqualTo(400);
        assertThat(QUEUES.depth(dlq)).isEqualTo(2);
    }

    @Test
    void theStatusShowsQueuesListenerAndPloomes() {
        QUEUES.park("rd-st", "a@example.com", "ploomes-4xx");

        JsonNode status = AdminHttp.json(admin.get("/admin/status"));

        assertThat(status.path("listener_running").booleanValue()).isTrue();
        assertThat(status.path("ploomes").path("host").stringValue()).isEqualTo("127.0.0.1");
        JsonNode queues = status.path("queues").path("queues");
        assertThat(queues.get(0).path("role").stringValue()).isEqualTo("input");
        assertThat(queues.get(0).path("consumers").intValue()).isGreaterThanOrEqualTo(1);
        assertThat(queues.get(queues.size() - 1).path("ready").intValue()).isEqualTo(1);
    }

    @Test
    void thePageRendersCountsAndTheListWithEverythingEscaped() {
        QUEUES.park("rd-p1", "ana@example.com", "ploomes-4xx", 400, "<script>alert('x')</script> & more", Instant.now());

        HttpResponse<String> page = new AdminHttp(port, AdminHttp.basic("admin", TOKEN)).get("/admin");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<tr data-reason=\"ploomes-4xx\">", "<tr data-id=\"rd-p1\">", "a***@example.com",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        assertThat(page.body()).doesNotContain("<script>alert", "ana@example.com");
    }

    private JsonNode job() {
        return AdminHttp.json(admin.get("/admin/dead-letters/replays/current"));
    }

    private double metric(String prefix, String label) {
        String scrape = new AdminHttp(port, null).get("/actuator/prometheus").body();
        return scrape.lines().filter(line -> line.startsWith(prefix) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static FakePloomes fakePloomes() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
