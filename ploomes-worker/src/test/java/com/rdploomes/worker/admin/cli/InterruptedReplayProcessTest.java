package com.rdploomes.worker.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rdploomes.worker.PloomesWorkerApplication;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;

/**
 * The command line as a process of its own, started through the worker's main, interrupted in the middle of a
 * rate-capped replay: by Ctrl-C / a container stop (SIGTERM), and by a crash (SIGKILL).
 */
class InterruptedReplayProcessTest {

    private static final int COUNT = 30;

    private DeadLetterQueue queues;
    private List<String> all;

    @TempDir
    Path logs;

    @BeforeEach
    void deadLetters() {
        queues = DeadLetterQueue.create("killed");
        all = IntStream.range(0, COUNT).mapToObj(i -> "rd-kill-" + i).toList();
        all.forEach(id -> queues.park(id, id + "@example.com", "ploomes-4xx"));
    }

    @AfterEach
    void cleanUp() {
        queues.close();
    }

    @Test
    void sigtermStopsAfterTheMessageInHandAndLeavesTheRestExactlyOnce() throws Exception {
        Process replay = start("replay", "--all", "--rate", "120");
        await().atMost(Duration.ofSeconds(60)).until(() -> queues.depth(queues.topology().inputQueue()) >= 3);

        replay.destroy();
        assertThat(replay.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(logs.resolve("err"));
        assertThat(err).contains("stopped on request");
        List<String> input = queues.ids(queues.topology().inputQueue());
        List<String> dlq = queues.ids(queues.topology().deadLetterQueue());
        assertThat(input).isNotEmpty().doesNotHaveDuplicates();
        assertThat(dlq).isNotEmpty().doesNotHaveDuplicates();
        // a clean stop: every conversion in exactly one of the two queues
        assertThat(new HashSet<>(input)).doesNotContainAnyElementsOf(dlq);
        assertThat(union(input, dlq)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(Files.readString(logs.resolve("out"))).contains("replayed " + input.size() + " of ");
    }

    @Test
    void aKilledReplayLosesNothingAndDoublesAtMostTheMessageInFlight() throws Exception {
        Process replay = start("replay", "--all", "--rate", "120");
        await().atMost(Duration.ofSeconds(60)).until(() -> queues.depth(queues.topology().inputQueue()) >= 3);

        replay.destroyForcibly();
        assertThat(replay.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // the broker hands the dead process's unacked messages back to the dead-letter queue
        await().atMost(Duration.ofSeconds(30)).until(() ->
                queues.depth(queues.topology().inputQueue()) + queues.depth(queues.topology().deadLetterQueue()) >= COUNT);
        List<String> input = queues.ids(queues.topology().inputQueue());
        List<String> dlq = queues.ids(queues.topology().deadLetterQueue());
        assertThat(input).doesNotHaveDuplicates();
        assertThat(dlq).doesNotHaveDuplicates();
        assertThat(new HashSet<>(union(input, dlq))).containsExactlyInAnyOrderElementsOf(all);
        Set<String> inBoth = new HashSet<>(input);
        inBoth.retainAll(dlq);
        // only a kill between the broker's confirm and the ack can leave a copy behind, and only of that one message
        assertThat(inBoth).hasSizeLessThanOrEqualTo(1);
    }

    private Process start(String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, PloomesWorkerApplication.class.getName(), DeadLettersCli.COMMAND));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(logs.resolve("out").toFile())
                .redirectError(logs.resolve("err").toFile());
        builder.environment().putAll(queues.environment());
        return builder.start();
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> union = new ArrayList<>(a);
        union.addAll(b);
        return union;
    }
}
