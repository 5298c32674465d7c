package com.rdploomes.bench.references;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two references the receiver is measured against, on the same Spring Boot stack: the ceiling
 * (parse, publish persistent to a quorum queue, 202 once the broker confirmed; nothing else) and, for scale,
 * the same endpoint answering without publishing.
 */
@SpringBootApplication
public class ReferencesApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferencesApplication.class, args);
    }

    /** Confirms completed on virtual threads, as in the receiver. */
    @Bean
    static BeanPostProcessor confirmsOnVirtualThreads() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof CachingConnectionFactory connections) {
                    connections.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                }
                return bean;
            }
        };
    }

    @Bean
    Queue ceilingQueue(@Value("${bench.queue}") String name) {
        return QueueBuilder.durable(name).quorum().build();
    }

    @RestController
    static class Endpoints {

        private final JsonMapper json = JsonMapper.builder().build();
        private final RabbitTemplate rabbit;
        private final AmqpAdmin admin;
        private final String queue;

        Endpoints(RabbitTemplate rabbit, AmqpAdmin admin, @Value("${bench.queue}") String queue) {
            this.rabbit = rabbit;
            this.admin = admin;
            this.queue = queue;
        }

        @PostMapping("/ceiling")
        ResponseEntity<Void> ceiling(@RequestBody byte[] body) throws Exception {
            json.readTree(body);
            MessageProperties properties = new MessageProperties();
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
            rabbit.send("", queue, new Message(body, properties), correlation);
            boolean confirmed = correlation.getFuture().get(5, TimeUnit.SECONDS).ack();
            return ResponseEntity.status(confirmed ? 202 : 503).build();
        }

        @org.springframework.web.bind.annotation.GetMapping("/ready")
        ResponseEntity<Void> ready() {
            return ResponseEntity.ok().build();
        }

        @PostMapping("/bare")
        ResponseEntity<Void> bare(@RequestBody byte[] body) {
            json.readTree(body);
            return ResponseEntity.status(202).build();
        }

        @PreDestroy
        void removeTheQueue() {
            admin.deleteQueue(queue);
        }
    }
}
