package com.rdploomes.worker.admin;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.model.Topology;
import com.rdploomes.worker.admin.deadletters.BrokerConnections;
import com.rdploomes.worker.admin.deadletters.DeadLetters;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dead-letter core and its gauge, always; the admin API and page only with ADMIN_TOKEN (see the http package).
 * The operations use connections of their own, made with the same settings as the listener's.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminConfiguration.class);

    @Bean
    DeadLetterMetrics deadLetterMetrics(MeterRegistry meters) {
        return new DeadLetterMetrics(meters);
    }

    @Bean
    DeadLetters deadLetters(ConnectionFactory connections, Topology topology, DeadLetterMetrics metrics,
                            @Value("${rd-ploomes.publish-confirm-timeout:5s}") Duration confirmTimeout) {
        com.rabbitmq.client.ConnectionFactory rabbit = ((AbstractConnectionFactory) connections).getRabbitConnectionFactory();
        return new DeadLetters(BrokerConnections.of(rabbit), topology, Clock.systemUTC(), confirmTimeout,
                DeadLetters.DEFAULT_MAX_HOLD, metrics);
    }

    @Bean
    DeadLetterSurvey deadLetterSurvey(DeadLetters deadLetters, DeadLetterMetrics metrics, AdminSettings settings) {
        return new DeadLetterSurvey(deadLetters, metrics, settings.surveyInterval());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> adminAnnouncement(AdminSettings settings) {
        return ready -> {
            String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "?");
            if (settings.enabled()) {
                log.info("admin API and page on at :{}/admin (ADMIN_TOKEN as Bearer token or Basic password)", port);
            } else {
                log.warn("admin API and page are off: ADMIN_TOKEN is not set (the dead-letters command line works without it)");
            }
        };
    }
}
