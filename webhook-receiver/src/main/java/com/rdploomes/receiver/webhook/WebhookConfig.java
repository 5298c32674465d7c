package com.rdploomes.receiver.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfig.class);

    /** Fails the startup when no token is configured, unless authentication is explicitly disabled. */
    @Bean
    WebhookToken webhookToken(WebhookSettings settings) {
        if (settings.authDisabled()) {
            log.warn("WEBHOOK_AUTH=disabled: POST /webhook/rdstation accepts requests WITHOUT a token. "
                    + "Anyone who can reach this port can create contacts and deals. Never run like this in production.");
            return WebhookToken.disabled();
        }
        return WebhookToken.required(settings.token());
    }
}
