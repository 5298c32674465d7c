package com.rdploomes.worker.admin.http;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The admin API and page exist only with a token: without one there is nothing to protect them with. */
class AdminTokenConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String token = context.getEnvironment().getProperty("rd-ploomes.admin.token", "");
        return !token.isBlank();
    }
}
