package com.rdploomes.worker.admin.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.FailureHeaders;
import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue.Message;

/** The operations on a real broker: what moves, what stays, and that nothing is lost or doubled on the way. */
class DeadLettersTest {

    private DeadLetterQueue queues;
    private DeadLetters deadLetters;
    private String dlq;
    private String input;

    @BeforeEach
    void topology() {
        queues = DeadLetterQueue.create("deadletters");
        deadLetters = queues.deadLetters();
        dlq = queues.topology().deadLetterQueue();
        input = queues.topology().inputQueue();
    }

    @AfterEach
    void cleanUp() {
        queues.close();
    }

    @Test
    void aListingReadsEveryDeadLetterCountsThemByReasonAndLeavesThemInPlace() {
        queues.park("c-1", "Ana@Example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "ploomes-unavailable");
        queues.park("c-3", "carla@example.com", "ploomes-4xx");

        List<DeadLetter> seen = new ArrayList<>();
        Survey survey = deadLetters.survey(Selection.everything(), seen::add);

        assertThat(seen).extracting(DeadLetter::conversionId).containsExactly("c-1", "c-2", "c-3");
        assertThat(survey.inQueue()).isEqualTo(3);
        assertThat(survey.matched()).isEqualTo(3);
        assertThat(survey.byReason()).containsExactly(Map.entry("ploomes-4xx", 2L), Map.entry("ploomes-unavailable", 1L));
        DeadLetter first = seen.getFirst();
        assertThat(first.reason()).isEqualTo("ploomes-4xx");
        assertThat(first.lastHttpStatus()).isEqualTo(400);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.maskedEmail()).isEqualTo("a***@example.com");
        assertThat(first.detail()).isEqualTo("ploomes-4xx detail for c-1");
        assertThat(queues.depth(dlq)).isEqualTo(3);
        // a second read sees the same: nothing was consumed
        assertThat(queues.ids(dlq)).containsExactlyInAnyOrder("c-1", "c-2", "c-3");
    }

    @Test
    void filtersMatchReasonTimeAndTheNormalisedEmail() {
        Instant now = Instant.now();
        queues.park("old", "ana@example.com", "ploomes-4xx", 400, "x", now.minus(Duration.ofDays(3)));
        queues.park("recent", "ana@example.com", "ploomes-4xx", 400, "x", now.minus(Duration.ofHours(1)));
        queues.park("other", "bruno@example.com", "ploomes-unavailable", 503, "x", now.minus(Duration.ofHours(1)));

        assertThat(ids(new Selection(List.of(), "PLOOMES-4XX", null, null, null, false))).containsExactly("old", "recent");
        assertThat(ids(new Selection(List.of(), null, now.minus(Duration.ofDays(1)), null, null, false))).containsExactly("recent", "other");
        assertThat(ids(new Selection(List.of(), null, null, now.minus(Duration.ofDays(1)), null, false))).containsExactly("old");
        assertThat(ids(new Selection(List.of(), null, null, null, "  ANA@example.COM ", false))).containsExactly("old", "recent");
        assertThat(ids(new Selection(List.of(), "ploomes-4xx", now.minus(Duration.ofDays(1)), null, "ana@example.com", false)))
                .containsExactly("recent");
        assertThat(ids(new Selection(List.of("other", "missing"), null, null, null, null, false))).containsExactly("other");
    }

    @Test
    void findReturnsTheWholeMessageAndNothingForAnUnknownId() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");

        List<DeadLetter> found = deadLetters.find("c-1");
        assertThat(found).hasSize(1);
        assertThat(new String(found.getFirst().body(), StandardCharsets.UTF_8)).contains("\"id\":\"c-1\"", "ana@example.com");
        assertThat(found.getFirst().headers()).containsKey(FailureHeaders.FIRST_FAILED_AT);
        assertThat(deadLetters.find("nope")).isEmpty();
        assertThat(queues.depth(dlq)).isEqualTo(1);
    }

    @Test
    void aReplayMovesOnlyTheSelectedKeepingIdAndBodyRestartingAttemptsAndRecordingTheReplay() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "ploomes-unavailable");
        queues.park("c-3", "carla@example.com", "ploomes-4xx");
        byte[] originalBody = queues.peek(dlq).getFirst().body();

        Outcome outcome = deadLetters.replay(new Selection(List.of(), "ploomes-4xx", null, null, null, false), 6000, false,
                new StopSignal(), letter -> { });

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.moved()).isEqualTo(2);
        assertThat(outcome.movedIds()).containsExactly("c-1", "c-3");
        List<Message> replayed = queues.drain(input);
        assertThat(replayed).extracting(Message::id).containsExactly("c-1", "c-3");
        Message first = replayed.getFirst();
        assertThat(first.body()).isEqualTo(originalBody);
        assertThat(first.properties().getContentType()).isEqualTo("application/json");
        assertThat(first.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(first.properties().getTimestamp()).isEqualTo(queues.properties("x", Map.of()).getTimestamp());
        assertThat(first.properties().getHeaders()).doesNotContainKeys(FailureHeaders.ATTEMPT, FailureHeaders.REASON,
                FailureHeaders.DETAIL, FailureHeaders.LAST_HTTP_STATUS, FailureHeaders.FIRST_FAILED_AT, FailureHeaders.LAST_FAILED_AT);
        assertThat(first.header("x-schema-version")).isEqualTo(1);
        assertThat(first.header(ReplayHeaders.REPLAY_COUNT)).isEqualTo(1);
        assertThat(first.header(ReplayHeaders.REPLAYED_REASON)).isEqualTo("ploomes-4xx");
        assertThat(Instant.parse((String) first.header(ReplayHeaders.REPLAYED_AT))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        // the unselected one is untouched
        List<Message> left = queues.peek(dlq);
        assertThat(left).extracting(Message::id).containsExactly("c-2");
        assertThat(left.getFirst().header(FailureHeaders.REASON)).isEqualTo("ploomes-unavailable");
    }

    @Test
    void aSecondReplayCountsTwo() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        deadLetters.replay(Selection.ofIds("c-1"), 6000, false, new StopSignal(), letter -> { });
        // the worker fails it again: it parks the replayed message with fresh failure headers and the replay history
        Message replayed = queues.drain(input).getFirst();
        Map<String, Object> headers = new java.util.LinkedHashMap<>(replayed.properties().getHeaders());
        headers.put(FailureHeaders.REASON, "ploomes-4xx");
        headers.put(FailureHeaders.ATTEMPT, 1);
        queues.publish(dlq, replayed.properties().builder().headers(headers).build(), replayed.body());

        deadLetters.replay(Selection.ofIds("c-1"), 6000, false, new StopSignal(), letter -> { });

        assertThat(queues.drain(input).getFirst().header(ReplayHeaders.REPLAY_COUNT)).isEqualTo(2);
    }

    @Test
    void aDryRunMovesNothing() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "ploomes-4xx");

        List<String> wouldMove = new ArrayList<>();
        Outcome outcome = deadLetters.replay(Selection.everything(), 6000, true, new StopSignal(), l -> wouldMove.add(l.conversionId()));

        assertThat(outcome.dryRun()).isTrue();
        assertThat(outcome.moved()).isEqualTo(2);
        assertThat(wouldMove).containsExactly("c-1", "c-2");
        assertThat(queues.depth(input)).isZero();
        assertThat(queues.depth(dlq)).isEqualTo(2);
    }

    @Test
    void replayAndDiscardRefuseAnEmptySelection() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        Selection nothing = new Selection(List.of(), null, null, null, null, false);

        assertThatThrownBy(() -> deadLetters.replay(nothing, 60, false, new StopSignal(), l -> { }))
                .isInstanceOf(Selection.InvalidSelectionException.class).hasMessageContaining("say which");
        assertThatThrownBy(() -> deadLetters.discard(nothing, false, null, new StopSignal(), l -> { }))
                .isInstanceOf(Selection.InvalidSelectionException.class);
        assertThatThrownBy(() -> new Selection(List.of("c-1"), null, null, null, null, true))
                .isInstanceOf(Selection.InvalidSelectionException.class).hasMessageContaining("--all");
        assertThat(queues.depth(dlq)).isEqualTo(1);
    }

    @Test
    void aReplayOfThreeHundredKeepsToTheRateCap() {
        IntStream.range(0, 300).forEach(i -> queues.park("bulk-" + i, "lead" + i + "@example.com", "ploomes-unavailable"));
        int perMinute = 3_000; // one every 20 ms

        long started = System.nanoTime();
        Outcome outcome = deadLetters.replay(Selection.everything(), perMinute, false, new StopSignal(), l -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.moved()).isEqualTo(300);
        assertThat(queues.depth(dlq)).isZero();
        // 299 gaps of 20 ms after the first, immediate one
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(299 * 20 - 50));
        List<Instant> replayedAt = queues.drain(input).stream()
                .map(m -> Instant.parse((String) m.header(ReplayHeaders.REPLAYED_AT))).sorted().toList();
        assertThat(replayedAt).hasSize(300);
        // no one-second window holds more than the cap allows (50 a second, one of slack for the edges)
        for (int i = 0; i + 51 < replayedAt.size(); i++) {
            assertThat(Duration.between(replayedAt.get(i), replayedAt.get(i + 51))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
    }

    @Test
    void anInterruptedReplayLeavesWhatItDidNotMoveAndDuplicatesNothing() {
        List<String> all = IntStream.range(0, 20).mapToObj(i -> "c-" + i).toList();
        all.forEach(id -> queues.park(id, id + "@example.com", "ploomes-4xx"));
        StopSignal stop = new StopSignal();
        AtomicInteger moved = new AtomicInteger();

        Outcome outcome = deadLetters.replay(Selection.everything(), 6000, false, stop, letter -> {
            if (moved.incrementAndGet() == 7) {
                stop.stop();
            }
        });

        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.moved()).isEqualTo(7);
        List<String> inInput = queues.ids(input);
        List<String> inDlq = queues.ids(dlq);
        assertThat(inInput).hasSize(7).doesNotHaveDuplicates();
        assertThat(inDlq).hasSize(13).doesNotHaveDuplicates();
        assertThat(Collections.disjoint(inInput, inDlq)).isTrue();
        List<String> union = new ArrayList<>(inInput);
        union.addAll(inDlq);
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        // the rest, untouched, can be replayed later
        assertThat(deadLetters.replay(Selection.everything(), 6000, false, new StopSignal(), l -> { }).moved()).isEqualTo(13);
        assertThat(queues.ids(input)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aSlowReplayHandsBackWhatItHoldsInRoundsAndStillMovesExactlyTheSelected() {
        // a hold limit of zero forces a new round after every replayed message
        DeadLetters rounds = queues.deadLetters(Duration.ZERO, DeadLetterEvents.NONE);
        for (int i = 0; i < 12; i++) {
            queues.park("c-" + i, "lead" + i + "@example.com", i % 3 == 0 ? "ploomes-4xx" : "ploomes-unavailable");
        }

        Outcome outcome = rounds.replay(new Selection(List.of(), "ploomes-4xx", null, null, null, false), 6000, false,
                new StopSignal(), l -> { });

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.movedIds()).containsExactlyInAnyOrder("c-0", "c-3", "c-6", "c-9");
        assertThat(queues.ids(input)).containsExactlyInAnyOrder("c-0", "c-3", "c-6", "c-9");
        assertThat(queues.ids(dlq)).hasSize(8).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("c-1", "c-2", "c-4", "c-5", "c-7", "c-8", "c-10", "c-11");
    }

    @Test
    void deadLettersArrivingDuringAReplayStayInTheQueue() {
        IntStream.range(0, 10).forEach(i -> queues.park("old-" + i, "old" + i + "@example.com", "ploomes-4xx"));
        StopSignal stop = new StopSignal();
        AtomicInteger arrived = new AtomicInteger();
        // the worker keeps parking new failures of the same kind while the replay runs
        CompletableFuture<Outcome> replay = CompletableFuture.supplyAsync(() ->
                deadLetters.replay(new Selection(List.of(), "ploomes-4xx", null, null, null, false), 600, false, stop, l -> { }));
        while (!replay.isDone() && arrived.get() < 200) {
            int n = arrived.getAndIncrement();
            queues.park("new-" + n, "new" + n + "@example.com", "ploomes-4xx", 400, "x", Instant.now().plusSeconds(1));
        }

        Outcome outcome = replay.join();

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.movedIds()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "old-" + i).toList());
        assertThat(queues.ids(input)).allMatch(id -> id.startsWith("old-")).hasSize(10);
        assertThat(queues.ids(dlq)).allMatch(id -> id.startsWith("new-")).hasSize(arrived.get());
    }

    @Test
    void aReplayThatCannotReachTheInputQueueStopsAndLosesNothing() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "ploomes-4xx");
        queues.deleteQueue(input);

        Outcome outcome = deadLetters.replay(Selection.everything(), 6000, false, new StopSignal(), l -> { });

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.error()).contains("did not take the message", "NO_ROUTE");
        assertThat(outcome.moved()).isZero();
        // a returned message goes to the back of this queue on some broker versions, to the front on others
        assertThat(queues.ids(dlq)).containsExactlyInAnyOrder("c-1", "c-2");
    }

    @Test
    void aDiscardRemovesOnlyTheSelected() {
        queues.park("c-1", "ana@example.com", "invalid-message");
        queues.park("c-2", "bruno@example.com", "ploomes-4xx");

        Outcome outcome = deadLetters.discard(new Selection(List.of(), "invalid-message", null, null, null, false), false, null,
                new StopSignal(), l -> { });

        assertThat(outcome.movedIds()).containsExactly("c-1");
        assertThat(queues.ids(dlq)).containsExactly("c-2");
        assertThat(queues.depth(input)).isZero();
    }

    @Test
    void aDiscardWithAnExportWritesEachBeforeRemovingItAndStopsWhenTheWriteFails() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "ploomes-4xx");
        queues.park("c-3", "carla@example.com", "ploomes-4xx");
        List<String> lines = new ArrayList<>();

        Outcome outcome = deadLetters.discard(Selection.everything(), false, line -> {
            if (lines.size() == 2) {
                throw new java.io.IOException("disk full");
            }
            lines.add(line);
        }, new StopSignal(), l -> { });

        assertThat(outcome.error()).isEqualTo("disk full");
        assertThat(outcome.movedIds()).containsExactly("c-1", "c-2");
        assertThat(lines).hasSize(2);
        assertThat(ExportFormat.parse(lines.getFirst()).conversionId()).isEqualTo("c-1");
        assertThat(queues.ids(dlq)).containsExactly("c-3");
    }

    @Test
    void anExportImportedIntoAnotherQueueIsTheSameMessages() throws Exception {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.publish(dlq, queues.properties("binary", Map.of("x-failure-reason", "invalid-message", "x-attempt", 1)),
                new byte[] {(byte) 0xff, 0x00, (byte) 0xfe});
        List<Message> before = queues.peek(dlq);
        StringBuilder file = new StringBuilder();

        Outcome exported = deadLetters.export(Selection.everything(), line -> file.append(line).append('\n'), new StopSignal(), l -> { });
        assertThat(exported.moved()).isEqualTo(2);
        assertThat(queues.depth(dlq)).isEqualTo(2);

        try (DeadLetterQueue elsewhere = DeadLetterQueue.create("import")) {
            ImportResult imported = elsewhere.deadLetters().importFrom(new BufferedReader(new StringReader(file.toString())), false, new StopSignal());
            assertThat(imported).isEqualTo(new ImportResult(2, 2, false, null));
            List<Message> after = elsewhere.peek(elsewhere.topology().deadLetterQueue());
            assertThat(after).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(after.get(i).id()).isEqualTo(before.get(i).id());
                assertThat(after.get(i).body()).isEqualTo(before.get(i).body());
                assertThat(after.get(i).properties().getTimestamp()).isEqualTo(before.get(i).properties().getTimestamp());
                assertThat(after.get(i).properties().getContentType()).isEqualTo(before.get(i).properties().getContentType());
                for (String header : before.get(i).properties().getHeaders().keySet()) {
                    assertThat(after.get(i).header(header)).as(header).isEqualTo(before.get(i).header(header));
                }
            }
            DeadLetter imported1 = elsewhere.deadLetters().find("c-1").getFirst();
            assertThat(imported1.reason()).isEqualTo("ploomes-4xx");
            assertThat(imported1.failedAt()).isEqualTo(deadLetters.find("c-1").getFirst().failedAt());
        }
    }

    @Test
    void aDamagedExportFileImportsNothingAndNamesTheBadLines() {
        String file = ExportFormat.line(DeadLetter.of(queues.properties("ok", Map.of()), "{}".getBytes(StandardCharsets.UTF_8)))
                + "\n{not json\n\n{\"message_id\":\"no-body\"}\n";

        assertThatThrownBy(() -> deadLetters.importFrom(new BufferedReader(new StringReader(file)), false, new StopSignal()))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("line 2: not JSON")
                .hasMessageContaining("line 4: no body or body_base64");
        assertThat(queues.depth(dlq)).isZero();
    }

    @Test
    void aDryRunImportCountsWithoutImporting() throws Exception {
        String file = ExportFormat.line(DeadLetter.of(queues.properties("ok", Map.of()), "{}".getBytes(StandardCharsets.UTF_8))) + "\n";

        ImportResult result = deadLetters.importFrom(new BufferedReader(new StringReader(file)), true, new StopSignal());

        assertThat(result).isEqualTo(new ImportResult(1, 0, true, null));
        assertThat(queues.depth(dlq)).isZero();
    }

    @Test
    void unreadableBodiesAndBrokerParkedMessagesStillList() {
        queues.publish(dlq, queues.properties("garbage", Map.of("x-failure-reason", "invalid-message", "x-attempt", 1)),
                "{\"this is\": not a conversion".getBytes(StandardCharsets.UTF_8));
        queues.publish(dlq, queues.properties("looped", Map.of("x-first-death-reason", "delivery_limit",
                "x-death", List.of(Map.of("reason", "delivery_limit", "queue", input, "count", 1L,
                        "time", java.util.Date.from(Instant.parse("2024-06-01T10:00:00Z")))))),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<DeadLetter> seen = new ArrayList<>();
        deadLetters.survey(Selection.everything(), seen::add);

        assertThat(seen.get(0).reason()).isEqualTo("invalid-message");
        assertThat(seen.get(0).maskedEmail()).isEqualTo("-");
        assertThat(seen.get(1).reason()).isEqualTo("delivery-limit");
        assertThat(seen.get(1).failedAt()).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
        assertThat(seen.get(1).attempts()).isZero();
    }

    @Test
    void theQueueStatusShowsEveryQueue() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");

        QueueStatus status = deadLetters.status();

        assertThat(status.queues()).extracting(QueueStatus.QueueDepth::role).containsExactly("input", "retry", "dead letters");
        assertThat(status.queues().getLast().ready()).isEqualTo(1);
        assertThat(status.queues().getFirst().ready()).isZero();
    }

    @Test
    void aWrongPrefixOrAnUnreachableBrokerIsSaidPlainly() {
        DeadLetters wrongPrefix = new DeadLetters(queues.connections(),
                new com.rdploomes.model.Topology("no-such-prefix.", List.of(Duration.ofSeconds(30)), 20),
                java.time.Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMinutes(1), DeadLetterEvents.NONE);
        assertThatThrownBy(() -> wrongPrefix.survey(Selection.everything(), l -> { }))
                .isInstanceOf(MissingQueueException.class).hasMessageContaining("no-such-prefix.ploomes.conversions.dlq")
                .hasMessageContaining("TOPOLOGY_PREFIX");

        TestBroker broker = TestBroker.get();
        DeadLetters nowhere = new DeadLetters(
                BrokerConnections.of(new BrokerSettings(broker.host(), 1, "guest", "guest", "/").connectionFactory()),
                queues.topology(), java.time.Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMinutes(1), DeadLetterEvents.NONE);
        assertThatThrownBy(() -> nowhere.survey(Selection.everything(), l -> { }))
                .isInstanceOf(BrokerUnavailableException.class).hasMessageContaining("cannot connect to RabbitMQ");
    }

    @Test
    void metricsEventsAreToldOfEveryReplayAndDiscard() {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        queues.park("c-2", "bruno@example.com", "invalid-message");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        DeadLetters observed = queues.deadLetters(DeadLetters.DEFAULT_MAX_HOLD, new DeadLetterEvents() {
            @Override
            public void replayed(DeadLetter letter) {
                events.add("replayed " + letter.conversionId());
            }

            @Override
            public void discarded(DeadLetter letter) {
                events.add("discarded " + letter.conversionId());
            }
        });

        observed.replay(Selection.ofIds("c-1"), 6000, false, new StopSignal(), l -> { });
        observed.discard(Selection.ofIds("c-2"), true, null, new StopSignal(), l -> { });
        observed.discard(Selection.ofIds("c-2"), false, null, new StopSignal(), l -> { });

        assertThat(events).containsExactly("replayed c-1", "discarded c-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> queues.depth(dlq) == 0);
    }

    @Test
    void readsOfThisProcessTakeTurnsSoNoneHidesMessagesFromAnother() throws Exception {
        queues.park("c-1", "ana@example.com", "ploomes-4xx");
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Survey> slow = CompletableFuture.supplyAsync(() -> deadLetters.survey(Selection.everything(), letter -> {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        reading.await();

        // the gauge does not wait for a list: it skips its turn
        assertThat(deadLetters.surveyIfIdle(Selection.everything(), l -> { })).isEmpty();
        // a second list waits for the first instead of finding the queue empty
        CompletableFuture<Survey> second = CompletableFuture.supplyAsync(() -> deadLetters.survey(Selection.everything(), l -> { }));
        release.countDown();

        assertThat(slow.get().matched()).isEqualTo(1);
        assertThat(second.get().matched()).isEqualTo(1);
        assertThat(deadLetters.surveyIfIdle(Selection.everything(), l -> { })).hasValueSatisfying(s -> assertThat(s.matched()).isEqualTo(1));
    }

    private List<String> ids(Selection selection) {
        List<String> ids = new ArrayList<>();
        deadLetters.survey(selection, l -> ids.add(l.conversionId()));
        return ids;
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), java.time.temporal.ChronoUnit.SECONDS);
    }

    @SuppressWarnings("unused")
    private static HashSet<String> set(List<String> list) {
        return new HashSet<>(list);
    }
}
