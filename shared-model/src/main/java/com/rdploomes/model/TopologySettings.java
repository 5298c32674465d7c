package com.rdploomes.model;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topology settings both services bind from the same names, so they declare identical queues
 * (RabbitMQ refuses a redeclaration with other arguments).
 *
 * @param prefix prepended to every exchange and queue name (env {@code TOPOLOGY_PREFIX})
 * @param retryDelays the retry tiers (env {@code RETRY_DELAYS}, e.g. {@code 30s,5m,30m,2h})
 * @param deliveryLimit redeliveries before the broker parks a message (env {@code DELIVERY_LIMIT})
 */
@ConfigurationProperties("rd-ploomes.topology")
public record TopologySettings(
        @DefaultValue("") String prefix,
        @DefaultValue({"30s", "5m", "30m", "2h"}) List<Duration> retryDelays,
        @DefaultValue("20") int deliveryLimit) {

    public Topology topology() {
        return new Topology(prefix, retryDelays, deliveryLimit);
    }
}
