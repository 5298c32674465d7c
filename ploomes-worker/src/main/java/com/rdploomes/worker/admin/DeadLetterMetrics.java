package com.rdploomes.worker.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rdploomes.worker.admin.deadletters.DeadLetter;
import com.rdploomes.worker.admin.deadletters.DeadLetterEvents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Dead letters for the dashboards: how many wait, by reason (a gauge, from {@link DeadLetterSurvey}), and what the
 * admin API and page did with them (counters). The worker's own rdploomes_worker_dead_lettered_total{reason}
 * counts arrivals. The command line runs in a process of its own: its replays show in the gauge only.
 */
class DeadLetterMetrics implements DeadLetterEvents {

    /** Always exported, at 0 when absent, so an alert on one of them has a series to watch. */
    static final List<String> KNOWN_REASONS = List.of("ploomes-4xx", "ploomes-unavailable", "ploomes-rate-limited",
            "invalid-message", "worker-error", "ploomes-unexpected-answer", "delivery-limit");

    private final MeterRegistry meters;
    private final MultiGauge waiting;

    DeadLetterMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.waiting = MultiGauge.builder("rdploomes.dead.letters")
                .description("Conversions waiting in the dead-letter queue, by failure reason")
                .register(meters);
        update(Map.of());
    }

    void update(Map<String, Long> byReason) {
        Map<String, Long> all = new LinkedHashMap<>();
        KNOWN_REASONS.forEach(reason -> all.put(reason, 0L));
        all.putAll(byReason);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        all.forEach((reason, count) -> rows.add(MultiGauge.Row.of(Tags.of("reason", reason), count)));
        waiting.register(rows, true);
    }

    @Override
    public void replayed(DeadLetter letter) {
        counter("rdploomes.dead.letters.replayed", "Dead letters put back on the input queue", letter.reason()).increment();
    }

    @Override
    public void discarded(DeadLetter letter) {
        counter("rdploomes.dead.letters.discarded", "Dead letters removed for good", letter.reason()).increment();
    }

    @Override
    public void imported(int count) {
        Counter.builder("rdploomes.dead.letters.imported").description("Dead letters imported from export files")
                .register(meters).increment(count);
    }

    private Counter counter(String name, String description, String reason) {
        return Counter.builder(name).description(description).tag("reason", reason).register(meters);
    }
}
