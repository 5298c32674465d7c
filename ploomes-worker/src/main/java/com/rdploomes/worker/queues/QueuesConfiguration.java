package com.rdploomes.worker.queues;

import java.time.Clock;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.rdploomes.model.Topology;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QueuesConfiguration {

    @Bean
    QueueAges queueAges(RabbitTemplate rabbit, Topology topology, MeterRegistry meters) {
        return new QueueAges(rabbit, topology, Clock.systemUTC(), meters);
    }
}
