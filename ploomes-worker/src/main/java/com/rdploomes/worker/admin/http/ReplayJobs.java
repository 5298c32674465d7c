package com.rdploomes.worker.admin.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;
import com.rdploomes.worker.admin.deadletters.StopSignal;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Replays asked for over HTTP run in the background, one at a time: at the rate cap, a replay of thousands takes
 * hours, far longer than a request. The page and scripts follow it and can stop it; stopping, like the worker's
 * shutdown, lets the message in hand finish and leaves the rest in the dead-letter queue.
 */
class ReplayJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);

    private final DeadLetters deadLetters;
    private Running current;

    ReplayJobs(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    synchronized Job start(Selection selection, int perMinute) {
        if (current != null && current.thread.isAlive()) {
            throw new BusyException(current.view());
        }
        selection.requireExplicit();
        Running running = new Running(UUID.randomUUID().toString(), selection.describe(), perMinute, Instant.now());
        running.thread = Thread.ofVirtual().name("dead-letter-replay").unstarted(() -> running.run(selection));
        current = running;
        running.thread.start();
        log.info("dead-letter replay started job={} selection=[{}] ratePerMinute={}", running.id, running.selection, perMinute);
        return running.view();
    }

    synchronized Optional<Job> current() {
        return Optional.ofNullable(current).map(Running::view);
    }

    synchronized Optional<Job> stop() {
        if (current != null) {
            current.stop.stop();
        }
        return current();
    }

    @Override
    public void destroy() throws InterruptedException {
        Running running;
        synchronized (this) {
            running = current;
        }
        if (running != null && running.thread.isAlive()) {
            running.stop.stop();
            running.thread.join(Duration.ofSeconds(30));
        }
    }

    /**
     * A replay as the API shows it.
     *
     * @param state running, done, stopped or failed
     * @param replayed replayed so far
     * @param outcome when finished
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(String id, String selection, int ratePerMinute, Instant startedAt, String state, long replayed,
               Instant finishedAt, Outcome outcome) {
    }

    static class BusyException extends IllegalStateException {
        final Job running;

        BusyException(Job running) {
            super("a replay is already running (" + running.selection() + ", " + running.replayed() + " replayed): stop it or wait");
            this.running = running;
        }
    }

    private final class Running {
        final String id;
        final String selection;
        final int perMinute;
        final Instant startedAt;
        final StopSignal stop = new StopSignal();
        final AtomicLong replayed = new AtomicLong();
        Thread thread;
        volatile Outcome outcome;
        volatile String failure;
        volatile Instant finishedAt;

        Running(String id, String selection, int perMinute, Instant startedAt) {
            this.id = id;
            this.selection = selection;
            this.perMinute = perMinute;
            this.startedAt = startedAt;
        }

        void run(Selection chosen) {
            try {
                outcome = deadLetters.replay(chosen, perMinute, false, stop, letter -> replayed.incrementAndGet());
                log.info("dead-letter replay finished job={} replayed={} stopped={} error={}", id, outcome.moved(),
                        outcome.stopped(), outcome.error());
            } catch (RuntimeException e) {
                failure = e.getMessage();
                log.warn("dead-letter replay failed job={} replayed={}: {}", id, replayed.get(), e.getMessage());
            } finally {
                finishedAt = Instant.now();
            }
        }

        Job view() {
            String state;
            if (finishedAt == null) {
                state = "running";
            } else if (failure != null || (outcome != null && outcome.error() != null)) {
                state = "failed";
            } else if (outcome != null && outcome.stopped()) {
                state = "stopped";
            } else {
                state = "done";
            }
            Outcome shown = outcome;
            if (shown == null && failure != null) {
                shown = new Outcome("replay", false, 0, 0, replayed.get(), java.util.List.of(), java.util.Map.of(), false, failure);
            }
            return new Job(id, selection, perMinute, startedAt, state, replayed.get(), finishedAt, shown);
        }
    }
}
