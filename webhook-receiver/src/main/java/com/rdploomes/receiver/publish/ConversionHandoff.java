package com.rdploomes.receiver.publish;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;

/**
 * Where a request's conversions go before the 202: to RabbitMQ with confirms, or, when RabbitMQ does not
 * confirm, to the disk spool. Only when neither takes them is the request refused (503), so a broker outage
 * costs RD nothing.
 *
 * <p>While older conversions wait in the spool, new ones join them there instead of going straight to the
 * broker: the order of arrival holds, and requests do not each wait out a broker the spool already knows is
 * down. The drainer empties the spool within a round once the broker is back.
 */
public class ConversionHandoff {

    private static final Logger log = LoggerFactory.getLogger(ConversionHandoff.class);

    private final ConversionPublisher publisher;
    private final Spool spool;
    private final SpoolMetrics metrics;

    ConversionHandoff(ConversionPublisher publisher, Spool spool, SpoolMetrics metrics) {
        this.publisher = publisher;
        this.spool = spool;
        this.metrics = metrics;
    }

    /**
     * @return where the conversions are now, both durable
     * @throws HandoffFailedException when RabbitMQ did not confirm and the spool could not take them either
     */
    public Handoff handOff(List<Conversion> conversions) throws HandoffFailedException {
        PublishFailedException brokerFailure = null;
        if (spool.isEmpty()) {
            try {
                publisher.publish(conversions);
                return Handoff.PUBLISHED;
            } catch (PublishFailedException e) {
                brokerFailure = e;
            }
        }
        try {
            spool.append(conversions);
            metrics.spooled(conversions.size());
            return Handoff.SPOOLED;
        } catch (SpoolFullException | IOException spoolFailure) {
            if (spoolFailure instanceof IOException) {
                log.error("spool: writing to {} failed: {}", spool.dir().toAbsolutePath(), spoolFailure.toString());
            }
            if (brokerFailure == null) {
                // the spool was not empty, so the broker was not tried: it may well be back
                try {
                    publisher.publish(conversions);
                    return Handoff.PUBLISHED;
                } catch (PublishFailedException e) {
                    brokerFailure = e;
                }
            }
            boolean full = spoolFailure instanceof SpoolFullException && spool.enabled();
            throw new HandoffFailedException(full, brokerFailure.getMessage() + "; spool: " + spoolFailure.getMessage(),
                    brokerFailure);
        }
    }

    /** Where accepted conversions went. */
    public enum Handoff {
        /** RabbitMQ confirmed every one. */
        PUBLISHED,
        /** On disk in the spool, fsynced; the drainer publishes them once RabbitMQ is back. */
        SPOOLED
    }
}
