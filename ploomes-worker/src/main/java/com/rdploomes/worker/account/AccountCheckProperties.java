package com.rdploomes.worker.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the startup checks run.
 *
 * @param enabled false skips the checks (and so the consumer's wait for them): only for tools that start
 *        the worker's context without consuming
 * @param retryInterval how often the checks are tried again while Ploomes cannot be reached
 * @param phoneTypeMobile the name of the PhoneTypes entry for mobile numbers; blank sends no TypeId
 * @param phoneTypeLandline the name of the PhoneTypes entry for landlines; blank sends no TypeId
 */
@ConfigurationProperties("rd-ploomes.account-check")
public record AccountCheckProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration retryInterval,
        @DefaultValue("Celular") String phoneTypeMobile,
        @DefaultValue("Comercial") String phoneTypeLandline) {

    public AccountCheckProperties {
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("PLOOMES_CHECK_RETRY_INTERVAL must be positive, not " + retryInterval);
        }
    }
}
