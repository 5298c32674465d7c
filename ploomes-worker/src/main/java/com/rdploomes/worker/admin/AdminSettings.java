package com.rdploomes.worker.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' tools in the worker.
 *
 * @param token ADMIN_TOKEN: the secret of the admin API and page; empty keeps both off
 * @param replayRatePerMinute DEAD_LETTER_REPLAY_RATE: replays a minute when a request does not say
 * @param surveyInterval DEAD_LETTER_SURVEY_INTERVAL: how often the dead-letters-by-reason gauge reads the queue; 0 = never
 */
@ConfigurationProperties("rd-ploomes.admin")
public record AdminSettings(
        String token,
        @DefaultValue("10") int replayRatePerMinute,
        @DefaultValue("60s") Duration surveyInterval) {

    public AdminSettings {
        token = token == null ? "" : token.trim();
        if (replayRatePerMinute <= 0) {
            throw new IllegalArgumentException("DEAD_LETTER_REPLAY_RATE must be at least 1, not " + replayRatePerMinute);
        }
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        // records print every component; the token must never reach a log
        return "AdminSettings[token=" + (enabled() ? "***" : "(none)") + ", replayRatePerMinute=" + replayRatePerMinute
                + ", surveyInterval=" + surveyInterval + "]";
    }
}
