package com.rdploomes.receiver.publish;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param confirmTimeout how long one request waits for RabbitMQ to confirm all its conversions (env
 *        {@code PUBLISH_CONFIRM_TIMEOUT}); past it the answer is 503 so RD can send again
 */
@ConfigurationProperties("rd-ploomes.publish")
record PublishProperties(@DefaultValue("5s") Duration confirmTimeout) {
}
