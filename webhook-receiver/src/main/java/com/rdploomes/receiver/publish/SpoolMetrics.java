package com.rdploomes.receiver.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The spool's meters: {@code rdploomes_spool_depth} (conversions waiting), {@code rdploomes_spool_bytes},
 * and counters of conversions spooled, drained to RabbitMQ, and files moved aside as corrupt.
 */
final class SpoolMetrics {

    private final Counter spooled;
    private final Counter drained;
    private final Counter corrupt;

    SpoolMetrics(MeterRegistry registry, Spool spool) {
        Gauge.builder("rdploomes.spool.depth", spool, Spool::depth)
                .description("Conversions in the receiver's disk spool, waiting for RabbitMQ")
                .register(registry);
        Gauge.builder("rdploomes.spool.bytes", spool, Spool::bytes)
                .description("Bytes the receiver's disk spool holds (bounded by SPOOL_MAX_BYTES)")
                .register(registry);
        spooled = Counter.builder("rdploomes.spool.spooled")
                .description("Conversions written to the spool because RabbitMQ did not confirm them")
                .register(registry);
        drained = Counter.builder("rdploomes.spool.drained")
                .description("Spooled conversions published to RabbitMQ and confirmed")
                .register(registry);
        corrupt = Counter.builder("rdploomes.spool.corrupt")
                .description("Spool files that could not be read and were moved to corrupt/")
                .register(registry);
    }

    void spooled(int conversions) {
        spooled.increment(conversions);
    }

    void drained(int conversions) {
        drained.increment(conversions);
    }

    void corrupt() {
        corrupt.increment();
    }
}
