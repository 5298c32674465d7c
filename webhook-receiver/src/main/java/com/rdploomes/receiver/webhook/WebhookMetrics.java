package com.rdploomes.receiver.webhook;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The receiver's meters. Every refusal reason is registered at startup, so dashboards and alerts see a
 * zero rather than a missing series. No base units: they would change the Prometheus names
 * ({@code rdploomes_webhook_accepted_total}, not {@code ..._accepted_conversions_total}).
 */
@Component
class WebhookMetrics {

    private final Counter accepted;
    private final Counter ignored;
    private final Counter rejectedLeads;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Timer ackAccepted;
    private final Timer ackSpooled;
    private final Timer ackFailed;
    private final Timer ackSpoolFull;

    WebhookMetrics(MeterRegistry registry) {
        accepted = Counter.builder("rdploomes.webhook.accepted")
                .description("Conversions answered 202: confirmed by RabbitMQ, or fsynced to the spool")
                .register(registry);
        ignored = Counter.builder("rdploomes.webhook.ignored")
                .description("Well-formed RD events that are not conversions, answered 200")
                .register(registry);
        rejectedLeads = Counter.builder("rdploomes.webhook.rejected.leads")
                .description("Leads left out of a body for lack of a usable e-mail")
                .register(registry);
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, Counter.builder("rdploomes.webhook.refused")
                    .description("Webhook requests answered with an error, by reason")
                    .tag("reason", refusal.reason)
                    .register(registry));
        }
        ackAccepted = ackTimer(registry, "accepted");
        ackSpooled = ackTimer(registry, "spooled");
        ackFailed = ackTimer(registry, "broker-unavailable");
        ackSpoolFull = ackTimer(registry, "spool-full");
    }

    private static Timer ackTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("rdploomes.webhook.ack")
                .description("From the request's arrival to the answer that follows RabbitMQ's confirm, the spool's fsync, or their failure")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Answered 202: confirmed by RabbitMQ, or spooled to disk while it was not. */
    void accepted(int conversions, boolean spooled, Duration elapsed) {
        accepted.increment(conversions);
        (spooled ? ackSpooled : ackAccepted).record(elapsed);
    }

    void handoffFailed(Refusal refusal, Duration elapsed) {
        refused(refusal);
        (refusal == Refusal.SPOOL_FULL ? ackSpoolFull : ackFailed).record(elapsed);
    }

    void rejectedLeads(int leads) {
        rejectedLeads.increment(leads);
    }

    void ignored() {
        ignored.increment();
    }

    void refused(Refusal refusal) {
        refused.get(refusal).increment();
    }
}
