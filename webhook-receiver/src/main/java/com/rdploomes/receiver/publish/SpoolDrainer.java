package com.rdploomes.receiver.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.SmartLifecycle;

import com.rdploomes.model.Conversion;

/**
 * Publishes the spool to RabbitMQ, oldest batch first, whenever it is not empty: at start (what an earlier run
 * left) and every {@code SPOOL_DRAIN_INTERVAL}. A batch leaves the spool only after RabbitMQ confirmed every
 * conversion of it; the first failure ends the round, so the order holds and a broker that is still down is
 * not hammered. One thread: batches are never published twice at once.
 */
public class SpoolDrainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);

    private final Spool spool;
    private final ConversionPublisher publisher;
    private final AmqpAdmin admin;
    private final SpoolMetrics metrics;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean stopping;
    /** Touched by the drain thread only: logs the start and the end of an outage once, not every round. */
    private boolean brokerFailing;

    SpoolDrainer(Spool spool, ConversionPublisher publisher, AmqpAdmin admin, SpoolMetrics metrics, Duration interval) {
        this.spool = spool;
        this.publisher = publisher;
        this.admin = admin;
        this.metrics = metrics;
        this.interval = interval;
    }

    /**
     * One round: publishes waiting batches in order until the spool is empty or RabbitMQ fails.
     *
     * @return how many conversions were published and removed
     */
    int drain() {
        int published = 0;
        for (Spool.SpooledBatch batch : spool.pending()) {
            if (stopping) {
                break;
            }
            List<Conversion> conversions;
            try {
                conversions = spool.read(batch);
            } catch (CorruptSpoolFileException e) {
                quarantine(batch, e);
                continue;
            }
            try {
                publisher.publish(conversions);
            } catch (PublishFailedException e) {
                if (!brokerFailing) {
                    log.warn("spool: RabbitMQ does not take the spool yet, {} conversions wait; retrying every {} ({})",
                            spool.depth(), interval, e.getMessage());
                    brokerFailing = true;
                }
                if (e.isUnroutable()) {
                    redeclareTopology();
                }
                return published;
            }
            spool.remove(batch);
            metrics.drained(conversions.size());
            published += conversions.size();
        }
        if (brokerFailing || published > 0) {
            log.info("spool: published {} conversions to RabbitMQ; {} still waiting", published, spool.depth());
            brokerFailing = false;
        }
        return published;
    }

    private void quarantine(Spool.SpooledBatch batch, CorruptSpoolFileException why) {
        metrics.corrupt();
        try {
            Path moved = spool.quarantine(batch);
            log.error("spool: {} cannot be read and was moved to {}; the batches behind it go on. Cause: {}",
                    batch.path().getFileName(), moved, why.getMessage());
        } catch (IOException e) {
            log.error("spool: {} cannot be read ({}) nor moved aside ({}); it is skipped until the next start",
                    batch.path().getFileName(), why.getMessage(), e.toString());
        }
    }

    /** A returned message means the exchange has no queue bound: declare the topology again, as a restart would. */
    private void redeclareTopology() {
        try {
            admin.initialize();
        } catch (AmqpException e) {
            log.warn("spool: declaring the topology again failed: {}", e.getMessage());
        }
    }

    private void drainSafely() {
        try {
            if (!spool.isEmpty()) {
                drain();
            }
        } catch (RuntimeException e) {
            // an exception would cancel the schedule: log it and try again next round
            log.error("spool: the drain round failed unexpectedly", e);
        }
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
        if (!spool.enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spool-drainer").daemon().factory());
        executor.scheduleWithFixedDelay(this::drainSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            // a batch being published finishes (it is confirmed or stays in the spool either way)
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
