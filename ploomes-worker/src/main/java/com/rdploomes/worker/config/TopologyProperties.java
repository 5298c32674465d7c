package com.rdploomes.worker.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.rdploomes.model.Topology;

/** The queue names and retry tiers; the receiver reads the same properties. */
@ConfigurationProperties("rd-ploomes.topology")
public record TopologyProperties(
        @DefaultValue("") String prefix,
        @DefaultValue({"30s", "5m", "30m", "2h"}) List<Duration> retryDelays,
        @DefaultValue("20") int deliveryLimit) {

    public Topology topology() {
        return new Topology(prefix, retryDelays, deliveryLimit);
    }
}
