package com.rdploomes.worker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.admin.deadletters.BrokerConnections;
import com.rdploomes.worker.admin.deadletters.BrokerSettings;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;
import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.Selection;
import com.rdploomes.worker.admin.deadletters.StopSignal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The dead-letters gauge and counters the dashboards read. */
class DeadLetterSurveyTest {

    private DeadLetterQueue queues;
    private SimpleMeterRegistry meters;
    private DeadLetterMetrics metrics;
    private DeadLetters deadLetters;

    @BeforeEach
    void setUp() {
        queues = DeadLetterQueue.create("survey");
        meters = new SimpleMeterRegistry();
        metrics = new DeadLetterMetrics(meters);
        deadLetters = queues.deadLetters(DeadLetters.DEFAULT_MAX_HOLD, metrics);
    }

    @AfterEach
    void cleanUp() {
        queues.close();
    }

    @Test
    void theGaugeCountsWaitingDeadLettersByReasonAndKnownReasonsAreZeroNotMissing() {
        queues.park("c-1", "a@example.com", "ploomes-4xx");
        queues.park("c-2", "b@example.com", "ploomes-4xx");
        queues.park("c-3", "c@example.com", "some-new-reason");

        new DeadLetterSurvey(deadLetters, metrics, Duration.ZERO).refresh();

        assertThat(waiting("ploomes-4xx")).isEqualTo(2);
        assertThat(waiting("some-new-reason")).isEqualTo(1);
        assertThat(waiting("ploomes-unavailable")).isZero();
        assertThat(waiting("invalid-message")).isZero();
        assertThat(queues.depth(queues.topology().deadLetterQueue())).isEqualTo(3);
    }

    @Test
    void thePeriodicReadFollowsTheQueue() {
        DeadLetterSurvey survey = new DeadLetterSurvey(deadLetters, metrics, Duration.ofMillis(100));
        survey.start();
        try {
            queues.park("c-1", "a@example.com", "worker-error");
            await().atMost(Duration.ofSeconds(15)).until(() -> waiting("worker-error") == 1);
            deadLetters.discard(Selection.ofIds("c-1"), false, null, new StopSignal(), l -> { });
            await().atMost(Duration.ofSeconds(15)).until(() -> waiting("worker-error") == 0);
        } finally {
            survey.stop();
        }
        assertThat(survey.isRunning()).isFalse();
    }

    @Test
    void aBrokerThatCannotBeReadKeepsTheLastValueAndDoesNotThrow() {
        queues.park("c-1", "a@example.com", "ploomes-4xx");
        new DeadLetterSurvey(deadLetters, metrics, Duration.ZERO).refresh();
        TestBroker broker = TestBroker.get();
        DeadLetters unreachable = new DeadLetters(
                BrokerConnections.of(new BrokerSettings(broker.host(), 1, "guest", "guest", "/").connectionFactory()),
                queues.topology(), Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMinutes(1), metrics);

        new DeadLetterSurvey(unreachable, metrics, Duration.ZERO).refresh();

        assertThat(waiting("ploomes-4xx")).isEqualTo(1);
    }

    @Test
    void replaysDiscardsAndImportsAreCountedByReason() throws Exception {
        queues.park("c-1", "a@example.com", "ploomes-4xx");
        queues.park("c-2", "b@example.com", "invalid-message");
        StringBuilder file = new StringBuilder();
        deadLetters.export(Selection.ofIds("c-2"), line -> file.append(line).append('\n'), new StopSignal(), l -> { });

        deadLetters.replay(Selection.ofIds("c-1"), 600, false, new StopSignal(), l -> { });
        deadLetters.discard(Selection.ofIds("c-2"), false, null, new StopSignal(), l -> { });
        deadLetters.importFrom(new java.io.BufferedReader(new java.io.StringReader(file.toString())), false, new StopSignal());

        assertThat(meters.get("rdploomes.dead.letters.replayed").tag("reason", "ploomes-4xx").counter().count()).isEqualTo(1);
        assertThat(meters.get("rdploomes.dead.letters.discarded").tag("reason", "invalid-message").counter().count()).isEqualTo(1);
        assertThat(meters.get("rdploomes.dead.letters.imported").counter().count()).isEqualTo(1);
        assertThat(meters.find("rdploomes.dead.letters.replayed").tag("reason", "invalid-message").counter()).isNull();
    }

    private double waiting(String reason) {
        return meters.get("rdploomes.dead.letters").tag("reason", reason).gauge().value();
    }
}
