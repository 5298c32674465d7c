package com.rdploomes.worker.admin.deadletters;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What an operation did.
 *
 * @param operation replay, discard or export
 * @param dryRun nothing was moved: {@code moved} counts what would have been
 * @param inQueueAtStart ready messages when it started: the operation reads no more than these
 * @param matched dead letters the selection matched
 * @param moved replayed, discarded or exported
 * @param movedIds their conversion ids, in order
 * @param byReason matched dead letters by failure reason
 * @param stopped stopped on request before the end
 * @param error why it stopped early, or null; what was not moved is still in the dead-letter queue
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Outcome(String operation, boolean dryRun, long inQueueAtStart, long matched, long moved,
                      List<String> movedIds, Map<String, Long> byReason, boolean stopped, String error) {

    public Outcome {
        movedIds = List.copyOf(movedIds);
        byReason = Map.copyOf(byReason);
    }

    Outcome withDryRun(boolean dryRun) {
        return new Outcome(operation, dryRun, inQueueAtStart, matched, moved, movedIds, byReason, stopped, error);
    }

    public boolean complete() {
        return !stopped && error == null;
    }
}
