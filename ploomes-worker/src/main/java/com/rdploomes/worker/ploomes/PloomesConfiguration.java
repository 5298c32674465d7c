package com.rdploomes.worker.ploomes;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class PloomesConfiguration {

    @Bean
    PloomesClient ploomesClient(PloomesProperties properties, MeterRegistry meters) {
        return create(properties, meters);
    }

    /** The client as the application wires it; tests build it the same way. */
    public static PloomesClient create(PloomesProperties properties, MeterRegistry meters) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        // Ploomes names properties in PascalCase (Name, TypeId, OtherProperties)
        JsonMapper json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new PloomesClient(properties, http, json, rateLimiter(properties, meters), retryTemplate(properties), meters);
    }

    static PloomesRateLimiter rateLimiter(PloomesProperties properties, MeterRegistry meters) {
        return new PloomesRateLimiter(properties.rateLimitPerMinute(), Clock.systemUTC(), meters);
    }

    /** Brief in-process retries (exponential with jitter) of calls that are safe to repeat; the delayed tiers do the rest. */
    static RetryTemplate retryTemplate(PloomesProperties properties) {
        ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
        backOff.setInitialInterval(properties.retryInitialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.retryInitialBackoff().toMillis() * 8);
        RetryTemplate template = new RetryTemplate();
        template.setRetryPolicy(new RepeatablePloomesFailures(properties.retryAttempts()));
        template.setBackOffPolicy(backOff);
        template.setThrowLastExceptionOnExhausted(true);
        return template;
    }

    private static final class RepeatablePloomesFailures extends SimpleRetryPolicy {

        RepeatablePloomesFailures(int maxAttempts) {
            super(maxAttempts);
        }

        @Override
        public boolean canRetry(RetryContext context) {
            Throwable last = context.getLastThrowable();
            boolean repeatable = last == null || (last instanceof PloomesException failure && failure.isRepeatable());
            return repeatable && context.getRetryCount() < getMaxAttempts();
        }
    }
}
