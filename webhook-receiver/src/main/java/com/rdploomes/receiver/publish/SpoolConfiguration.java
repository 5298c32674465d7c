package com.rdploomes.receiver.publish;

import java.io.IOException;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.model.ConversionCodec;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class SpoolConfiguration {

    /** Opened (and locked) at startup, so a spool directory that cannot be used stops the receiver at once. */
    @Bean(destroyMethod = "close")
    Spool spool(SpoolProperties properties, ConversionCodec codec) throws IOException {
        return Spool.open(properties.dir(), properties.maxBytes().toBytes(), codec);
    }

    @Bean
    SpoolMetrics spoolMetrics(MeterRegistry registry, Spool spool) {
        return new SpoolMetrics(registry, spool);
    }

    @Bean
    SpoolDrainer spoolDrainer(Spool spool, ConversionPublisher publisher, AmqpAdmin admin, SpoolMetrics metrics,
                              SpoolProperties properties) {
        return new SpoolDrainer(spool, publisher, admin, metrics, properties.drainInterval());
    }

    @Bean
    ConversionHandoff conversionHandoff(ConversionPublisher publisher, Spool spool, SpoolMetrics metrics) {
        return new ConversionHandoff(publisher, spool, metrics);
    }
}
