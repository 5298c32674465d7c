package com.rdploomes.worker.admin.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

import com.rdploomes.model.Topology;
import com.rdploomes.worker.admin.deadletters.BrokerConnections;
import com.rdploomes.worker.admin.deadletters.BrokerSettings;
import com.rdploomes.worker.admin.deadletters.DeadLetterEvents;
import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.StopSignal;

/**
 * What every subcommand works with, built from the service's environment variables so that the command, run next
 * to the worker or inside its container, sees the worker's broker and queues.
 *
 * @param rawOut stdout as bytes, for export lines
 * @param defaultRate replays a minute without --rate (DEAD_LETTER_REPLAY_RATE)
 */
record CliContext(DeadLetters deadLetters, BrokerSettings broker, InputStream in, PrintStream rawOut, PrintWriter out,
                  PrintWriter err, StopSignal stop, Clock clock, int defaultRate) {

    static CliContext fromEnvironment(Map<String, String> env, InputStream in, PrintStream rawOut, PrintWriter out,
                                      PrintWriter err, StopSignal stop, Clock clock) {
        BrokerSettings broker = BrokerSettings.fromEnvironment(env);
        Topology topology = new Topology(env.getOrDefault("TOPOLOGY_PREFIX", ""), retryDelays(env),
                Integer.parseInt(value(env, "DELIVERY_LIMIT", Integer.toString(Topology.DEFAULT_DELIVERY_LIMIT))));
        Duration confirmTimeout = DurationStyle.detectAndParse(value(env, "PUBLISH_CONFIRM_TIMEOUT", "5s"));
        int rate = Integer.parseInt(value(env, "DEAD_LETTER_REPLAY_RATE", Integer.toString(DeadLetters.DEFAULT_REPLAY_RATE)));
        DeadLetters deadLetters = new DeadLetters(BrokerConnections.of(broker.connectionFactory()), topology, clock,
                confirmTimeout, DeadLetters.DEFAULT_MAX_HOLD, DeadLetterEvents.NONE);
        return new CliContext(deadLetters, broker, in, rawOut, out, err, stop, clock, rate);
    }

    private static List<Duration> retryDelays(Map<String, String> env) {
        String value = env.get("RETRY_DELAYS");
        if (value == null || value.isBlank()) {
            return Topology.DEFAULT_RETRY_DELAYS;
        }
        return Arrays.stream(value.split(",")).map(String::trim).map(DurationStyle::detectAndParse).toList();
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
