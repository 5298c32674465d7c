package com.rdploomes.worker.config;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.Topology;

@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

    @Bean
    Topology topology(TopologyProperties properties) {
        return properties.topology();
    }

    /** Spring AMQP's RabbitAdmin declares these whenever a connection opens, so a restarted broker gets them back. */
    @Bean
    Declarables conversionTopology(Topology topology) {
        return topology.declarables();
    }

    @Bean
    ConversionCodec conversionCodec() {
        return new ConversionCodec();
    }
}
