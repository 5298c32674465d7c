package com.rdploomes.worker.failure;

import java.time.Clock;
import java.time.Duration;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class FailureConfiguration {

    @Bean
    FailureRouter failureRouter(RabbitTemplate rabbit, Topology topology, MeterRegistry meters,
                                @Value("${rd-ploomes.publish-confirm-timeout:5s}") Duration confirmTimeout) {
        return new FailureRouter(new ConfirmedPublisher(rabbit, confirmTimeout), topology, Clock.systemUTC(), meters);
    }
}
