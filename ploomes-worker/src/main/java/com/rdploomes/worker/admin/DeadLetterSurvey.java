package com.rdploomes.worker.admin;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.Selection;

/**
 * Keeps the dead-letters-by-reason gauge current by reading the queue (and leaving it as it was) every
 * DEAD_LETTER_SURVEY_INTERVAL. Queues are not countable by header any other way.
 */
class DeadLetterSurvey implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterSurvey.class);

    private final DeadLetters deadLetters;
    private final DeadLetterMetrics metrics;
    private final Duration interval;
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService executor;

    DeadLetterSurvey(DeadLetters deadLetters, DeadLetterMetrics metrics, Duration interval) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.interval = interval;
    }

    void refresh() {
        try {
            // busy with a list, export or discard of this process: the next turn will count
            deadLetters.surveyIfIdle(Selection.everything(), letter -> { }).ifPresent(survey -> metrics.update(survey.byReason()));
            if (failing.compareAndSet(true, false)) {
                log.info("dead-letters gauge reads the queue again");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.warn("dead-letters gauge cannot read the queue: {}", e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dead-letter-survey").factory());
        if (!interval.isZero() && !interval.isNegative()) {
            // the first read one interval after start: a worker that starts and stops at once (tests) never reads
            executor.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
