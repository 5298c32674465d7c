package com.rdploomes.worker.ploomes;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the customer's Ploomes account and where conversions land in it. Bound from the
 * environment (PLOOMES_API_URL, PLOOMES_API_KEY, ...), so the replaced system's .env keeps working.
 *
 * @param personId the replaced system's name for the deal owner; read only when ownerId is absent
 * @param rateLimitPerMinute calls per minute for the whole process (the account allows about 120)
 * @param retryAttempts in-process attempts of one call before the conversion goes to the delayed tiers
 */
@ConfigurationProperties("ploomes")
public record PloomesProperties(
        @DefaultValue("https://api2.ploomes.com") URI apiUrl,
        String apiKey,
        Long pipelineId,
        Long stageId,
        Long ownerId,
        Long personId,
        Long originId,
        @DefaultValue("100") int rateLimitPerMinute,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("1s") Duration retryInitialBackoff,
        @DefaultValue("60s") Duration rateLimitedWait) {

    public PloomesProperties {
        List<String> problems = new ArrayList<>();
        if (apiKey == null || apiKey.isBlank()) {
            problems.add("PLOOMES_API_KEY is not set: the worker cannot call Ploomes without it");
        }
        if (pipelineId == null) {
            problems.add("PLOOMES_PIPELINE_ID is not set: deals need a pipeline");
        }
        if (stageId == null) {
            problems.add("PLOOMES_STAGE_ID is not set: deals need a stage of the pipeline");
        }
        if (rateLimitPerMinute <= 0) {
            problems.add("PLOOMES_RATE_LIMIT_PER_MINUTE must be positive, not " + rateLimitPerMinute);
        }
        if (retryAttempts <= 0) {
            problems.add("PLOOMES_RETRY_ATTEMPTS must be at least 1, not " + retryAttempts);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        apiUrl = URI.create(apiUrl.toString().replaceAll("/+$", ""));
    }

    /** The deal owner: PLOOMES_OWNER_ID, else the legacy PLOOMES_PERSON_ID, else none. */
    public Long dealOwnerId() {
        return ownerId != null ? ownerId : personId;
    }

    @Override
    public String toString() {
        // records print every component; the key must never reach a log
        return "PloomesProperties[apiUrl=" + apiUrl + ", apiKey=***, pipelineId=" + pipelineId + ", stageId=" + stageId
                + ", ownerId=" + ownerId + ", personId=" + personId + ", rateLimitPerMinute=" + rateLimitPerMinute + "]";
    }
}
