package com.rdploomes.worker.admin.http;

import java.time.Clock;
import java.util.List;

import com.rdploomes.worker.admin.deadletters.Selection;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of replay and discard: the command line's selection, as JSON.
 *
 * @param since and until: an instant, a UTC date or an age ("2h"), as on the command line
 * @param ratePerMinute replay only; the configured default when absent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SelectionRequest(List<String> ids, String reason, String since, String until, String email, Boolean all,
                        Boolean dryRun, Integer ratePerMinute) {

    Selection selection(Clock clock) {
        return new Selection(ids, reason, Selection.parseTime(since, clock), Selection.parseTime(until, clock), email,
                Boolean.TRUE.equals(all));
    }

    boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
