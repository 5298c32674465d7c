package com.rdploomes.receiver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.rdploomes.model.TopologyConfiguration;

/** The webhook receiver: RD Station webhooks in, one confirmed RabbitMQ message per lead conversion out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopologyConfiguration.class)
public class WebhookReceiverApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookReceiverApplication.class, args);
    }
}
