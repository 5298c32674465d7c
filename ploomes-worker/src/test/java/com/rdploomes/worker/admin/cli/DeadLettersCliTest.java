package com.rdploomes.worker.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;
import com.rdploomes.worker.admin.deadletters.ExportFormat;
import com.rdploomes.worker.admin.deadletters.ReplayHeaders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every subcommand as an operator types it, against a real broker. */
class DeadLettersCliTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeadLetterQueue queues;
    private Map<String, String> env;
    private String dlq;
    private String input;

    @TempDir
    Path files;

    @BeforeEach
    void deadLetters() {
        queues = DeadLetterQueue.create("cli");
        env = queues.environment();
        dlq = queues.topology().deadLetterQueue();
        input = queues.topology().inputQueue();
        queues.park("rd-aaa-1", "ana.exemplo@example.com", "ploomes-4xx", 400,
                "POST /Contacts answered 400: field cf_segmento does not exist (contact ana.exemplo@example.com)",
                java.time.Instant.parse("2026-05-20T19:40:12Z"));
        queues.park("rd-bbb-2", "bruno@example.com", "ploomes-unavailable", 503, "GET /Contacts answered 503: maintenance",
                java.time.Instant.parse("2026-05-21T08:00:00Z"));
        queues.park("rd-ccc-3", "carla@example.com", "ploomes-4xx", 400, "POST /Contacts answered 400: field cf_segmento does not exist",
                java.time.Instant.parse("2026-05-22T08:00:00Z"));
    }

    @AfterEach
    void cleanUp() {
        queues.close();
    }

    @Test
    void listPrintsOneLinePerDeadLetterWithMaskedEmailsThenTheCountsByReason() {
        CliRun run = CliRun.of(env, "list");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("CONVERSION ID").contains("FAILED AT", "REASON", "ATTEMPTS", "HTTP", "E-MAIL", "DETAIL");
        assertThat(lines.get(1)).startsWith("rd-aaa-1").contains("2026-05-20T19:40:12Z", "ploomes-4xx", "400", "a***@example.com",
                "field cf_segmento does not exist");
        assertThat(lines.get(2)).startsWith("rd-bbb-2").contains("ploomes-unavailable", "503", "b***@example.com");
        assertThat(lines.getLast()).isEqualTo("3 dead letters: ploomes-4xx 2, ploomes-unavailable 1 — 3 in " + dlq);
        // no whole e-mail, not even the one Ploomes quoted in its answer
        assertThat(run.all()).doesNotContain("ana.exemplo@example.com", "bruno@example.com", "carla@example.com");
        assertThat(queues.depth(dlq)).isEqualTo(3);
    }

    @Test
    void listFiltersAndPrintsJsonLines() throws Exception {
        CliRun run = CliRun.of(env, "list", "--json", "--reason", "ploomes-4xx", "--email", " Carla@Example.com ");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode row = JSON.readTree(lines.getFirst());
        assertThat(row.path("conversion_id").stringValue()).isEqualTo("rd-ccc-3");
        assertThat(row.path("email").stringValue()).isEqualTo("c***@example.com");
        assertThat(row.path("last_http_status").intValue()).isEqualTo(400);
        assertThat(row.path("failed_at").stringValue()).isEqualTo("2026-05-22T08:00:00Z");
        assertThat(run.err()).contains("1 dead letter: ploomes-4xx 1");

        CliRun since = CliRun.of(env, "list", "--since", "2026-05-21", "--until", "2026-05-22");
        assertThat(since.out()).contains("rd-bbb-2").doesNotContain("rd-aaa-1", "rd-ccc-3");
        CliRun none = CliRun.of(env, "list", "--reason", "worker-error");
        assertThat(none.out()).contains("no dead letters match (reason worker-error)");
    }

    @Test
    void showPrintsTheWholeMessageAndFailsForAnUnknownId() {
        CliRun run = CliRun.of(env, "show", "rd-aaa-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("conversion   rd-aaa-1", "reason       ploomes-4xx (HTTP 400), 1 attempt",
                "x-failure-detail: POST /Contacts answered 400", "x-last-failed-at: 2026-05-20T19:40:12Z",
                "message_id: rd-aaa-1", "\"email\" : \"ana.exemplo@example.com\"");

        CliRun missing = CliRun.of(env, "show", "rd-nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no dead letter with conversion id rd-nope");
    }

    @Test
    void replayMovesTheChosenOnesAndSaysWhatWasNotThere() {
        CliRun run = CliRun.of(env, "replay", "rd-aaa-1", "rd-ccc-3", "--rate", "600");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("replayed rd-aaa-1  ploomes-4xx  a***@example.com", "replayed rd-ccc-3",
                "replayed 2 of 2 selected (3 were in " + dlq + ")");
        assertThat(queues.ids(input)).containsExactly("rd-aaa-1", "rd-ccc-3");
        assertThat(queues.ids(dlq)).containsExactly("rd-bbb-2");
        assertThat(queues.peek(input).getFirst().header(ReplayHeaders.REPLAY_COUNT)).isEqualTo(1);

        CliRun missing = CliRun.of(env, "replay", "rd-aaa-1", "--rate", "600");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("not in " + dlq + ": rd-aaa-1");
    }

    @Test
    void replayByFilterAndAsADryRun() {
        CliRun dry = CliRun.of(env, "replay", "--reason", "ploomes-4xx", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("would replay rd-aaa-1", "would replay rd-ccc-3", "dry run: would replay 2 of 3");
        assertThat(queues.depth(input)).isZero();

        CliRun run = CliRun.of(env, "replay", "--all", "--rate", "6000");
        assertThat(run.exitCode()).isZero();
        assertThat(queues.ids(input)).containsExactly("rd-aaa-1", "rd-bbb-2", "rd-ccc-3");
    }

    @Test
    void selectionsThatCannotBeRightChangeNothing() {
        CliRun nothing = CliRun.of(env, "replay");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("say which dead letters");

        CliRun both = CliRun.of(env, "discard", "--all", "rd-aaa-1", "--yes");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--all selects everything");

        CliRun badTime = CliRun.of(env, "replay", "--since", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("'yesterday' is not a time");

        CliRun badRate = CliRun.of(env, "replay", "--all", "--rate", "0");
        assertThat(badRate.exitCode()).isEqualTo(2);

        CliRun unknown = CliRun.of(env, "replay", "--everything");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--everything'");
        assertThat(queues.depth(dlq)).isEqualTo(3);
        assertThat(queues.depth(input)).isZero();
    }

    @Test
    void discardAsksForYesAndCanKeepACopy() throws IOException {
        CliRun asked = CliRun.of(env, "discard", "--reason", "ploomes-unavailable");
        assertThat(asked.exitCode()).isEqualTo(2);
        assertThat(asked.out()).contains("would discard rd-bbb-2");
        assertThat(asked.err()).contains("nothing discarded: add --yes");
        assertThat(queues.depth(dlq)).isEqualTo(3);

        Path copy = files.resolve("discarded.jsonl");
        CliRun done = CliRun.of(env, "discard", "--reason", "ploomes-unavailable", "--yes", "--export", copy.toString());
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).contains("discarded rd-bbb-2", "discarded 1 of 1 selected");
        assertThat(queues.ids(dlq)).containsExactly("rd-aaa-1", "rd-ccc-3");
        List<String> lines = Files.readAllLines(copy);
        assertThat(lines).hasSize(1);
        assertThat(ExportFormat.parse(lines.getFirst()).conversionId()).isEqualTo("rd-bbb-2");
    }

    @Test
    void exportLeavesTheQueueAndImportPutsTheFileBack() throws IOException {
        Path backup = files.resolve("backup.jsonl");
        CliRun exported = CliRun.of(env, "export", "--all", "-o", backup.toString());
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.err()).contains("exported 3 of 3");
        assertThat(Files.readAllLines(backup)).hasSize(3);
        assertThat(queues.depth(dlq)).isEqualTo(3);

        CliRun again = CliRun.of(env, "export", "--all", "-o", backup.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        assertThat(CliRun.of(env, "discard", "--all", "--yes").exitCode()).isZero();
        assertThat(queues.depth(dlq)).isZero();

        CliRun dry = CliRun.of(env, "import", backup.toString(), "--dry-run");
        assertThat(dry.out()).contains("dry run: 3 dead letters");
        assertThat(queues.depth(dlq)).isZero();

        CliRun imported = CliRun.of(env, "import", backup.toString());
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).contains("imported 3 of 3 dead letters into " + dlq);
        assertThat(queues.ids(dlq)).containsExactly("rd-aaa-1", "rd-bbb-2", "rd-ccc-3");
        assertThat(CliRun.of(env, "show", "rd-aaa-1").out()).contains("x-failure-reason: ploomes-4xx");
    }

    @Test
    void exportToStdoutAndImportFromStdin() {
        CliRun exported = CliRun.of(env, "export", "--reason", "ploomes-4xx");
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.out().lines()).hasSize(2).allMatch(line -> line.startsWith("{\"message_id\":\"rd-"));

        CliRun imported = CliRun.withInput(env, exported.out(), "import", "-");
        assertThat(imported.exitCode()).isZero();
        assertThat(queues.depth(dlq)).isEqualTo(5);
    }

    @Test
    void aDamagedFileImportsNothing() throws IOException {
        Path damaged = files.resolve("damaged.jsonl");
        Files.writeString(damaged, "{\"message_id\":\"x\",\"body\":\"{}\"}\nthis is not json\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of(env, "import", damaged.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing imported", "line 2: not JSON");
        assertThat(queues.depth(dlq)).isEqualTo(3);
        assertThat(CliRun.of(env, "import", files.resolve("missing.jsonl").toString()).err()).contains("no such file");
    }

    @Test
    void aWrongPrefixOrNoBrokerIsOneClearLine() {
        Map<String, String> wrongPrefix = new HashMap<>(env);
        wrongPrefix.put("TOPOLOGY_PREFIX", "nope.");
        CliRun run = CliRun.of(wrongPrefix, "list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: queue 'nope.ploomes.conversions.dlq' does not exist").contains("TOPOLOGY_PREFIX");

        Map<String, String> noBroker = new HashMap<>(env);
        noBroker.put("RABBITMQ_HOST", TestBroker.get().host());
        noBroker.put("RABBITMQ_PORT", "1");
        CliRun down = CliRun.of(noBroker, "list");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot connect to RabbitMQ").doesNotContain("guest");

        Map<String, String> badPort = new HashMap<>(env);
        badPort.put("RABBITMQ_PORT", "amqp");
        assertThat(CliRun.of(badPort, "list").exitCode()).isEqualTo(2);
    }

    @Test
    void helpNamesEveryCommand() {
        CliRun help = CliRun.of(env, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("list", "show", "replay", "discard", "export", "import", "DEAD_LETTER_REPLAY_RATE");
        assertThat(CliRun.of(env).exitCode()).isEqualTo(2);
    }
}
