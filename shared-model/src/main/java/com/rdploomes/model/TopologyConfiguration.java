package com.rdploomes.model;

import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imported by both services: the topology, its declarations and the message codec. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopologySettings.class)
public class TopologyConfiguration {

    @Bean
    Topology topology(TopologySettings settings) {
        return settings.topology();
    }

    /**
     * Spring AMQP's RabbitAdmin declares these on every new connection: the queues exist before the first
     * publish even on an empty broker, come back after a broker reset, and a service starts while the
     * broker is down.
     */
    @Bean
    Declarables conversionTopology(Topology topology) {
        return topology.declarables();
    }

    @Bean
    ConversionCodec conversionCodec() {
        return new ConversionCodec();
    }
}
