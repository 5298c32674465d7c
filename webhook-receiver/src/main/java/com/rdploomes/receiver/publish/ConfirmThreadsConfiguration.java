package com.rdploomes.receiver.publish;

import java.util.concurrent.Executors;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConfirmThreadsConfiguration {

    /**
     * Spring AMQP completes every publisher confirm and return on the connection factory's executor, and there
     * also waits for the confirms of each channel going back to the cache: by default a cached pool of platform
     * threads, which grew to 210 threads at 1,000 webhooks a second, about 25 MB of stacks. Virtual threads
     * cost next to nothing while they wait, and, unlike a small fixed pool, cannot leave a confirm queued
     * behind waits that need it.
     */
    @Bean
    static BeanPostProcessor confirmsOnVirtualThreads() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof CachingConnectionFactory connections) {
                    connections.setExecutor(Executors.newThreadPerTaskExecutor(
                            Thread.ofVirtual().name("rabbit-confirm-", 0).factory()));
                }
                return bean;
            }
        };
    }
}
