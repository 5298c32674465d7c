package com.rdploomes.worker.admin.deadletters;

/** Headers a replay writes, so a conversion's history shows it came back from the dead-letter queue. */
public final class ReplayHeaders {

    /** When the last replay put the conversion back on the input queue. */
    public static final String REPLAYED_AT = "x-replayed-at";
    /** How many times it was replayed. */
    public static final String REPLAY_COUNT = "x-replay-count";
    /** The failure reason it carried when it was last replayed (the failure headers themselves are removed). */
    public static final String REPLAYED_REASON = "x-replayed-reason";

    private ReplayHeaders() {
    }
}
