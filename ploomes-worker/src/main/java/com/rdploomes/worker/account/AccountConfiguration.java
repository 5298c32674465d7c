package com.rdploomes.worker.account;

import java.time.Clock;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.PloomesClient;
import com.rdploomes.worker.ploomes.PloomesProperties;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    AccountStatus accountStatus() {
        return new AccountStatus();
    }

    @Bean
    @ConditionalOnProperty(name = "rd-ploomes.account-check.enabled", havingValue = "true", matchIfMissing = true)
    PloomesAccountHealthIndicator ploomesAccountHealthIndicator(AccountStatus status) {
        return new PloomesAccountHealthIndicator(status);
    }

    /** Off only for tools that start the worker's context without consuming; the listener then never starts. */
    @Bean
    @ConditionalOnProperty(name = "rd-ploomes.account-check.enabled", havingValue = "true", matchIfMissing = true)
    AccountCheckStartup accountCheckStartup(PloomesClient ploomes, PloomesProperties properties,
                                            AccountCheckProperties check, FieldMapping mapping, AccountStatus status,
                                            ObjectProvider<RabbitListenerEndpointRegistry> listeners,
                                            ApplicationContext context) {
        PloomesAccountCheck accountCheck = new PloomesAccountCheck(ploomes, properties, check, mapping, Clock.systemUTC());
        AccountCheckStartup startup = new AccountCheckStartup(accountCheck, status, listeners::getIfAvailable,
                check.retryInterval(),
                reason -> exit(context), Clock.systemUTC());
        return startup;
    }

    /** Off the checking thread: closing the context stops that thread's executor. */
    private static void exit(ApplicationContext context) {
        Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> ConfigurationStop.EXIT_CODE)),
                "configuration-stop");
        exit.start();
    }
}
