package com.rdploomes.worker.ploomes;

import java.time.Duration;

/**
 * A Ploomes call that did not succeed, classified for the failure rules.
 *
 * @see #isTransient()
 * @see #isRepeatable()
 */
public class PloomesException extends RuntimeException {

    /** Status when no HTTP answer arrived (timeout, reset, refused). */
    public static final int NO_ANSWER = 0;

    private final String call;
    private final int status;
    private final String bodyExcerpt;
    private final Duration retryAfter;
    private final boolean mayHaveBeenApplied;

    public PloomesException(String call, int status, String bodyExcerpt, Duration retryAfter,
                            boolean mayHaveBeenApplied, String message, Throwable cause) {
        super(message, cause);
        this.call = call;
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.retryAfter = retryAfter;
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    public String call() {
        return call;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Worth trying again later: no answer, 408, 429 or 5xx. Other 4xx will fail the same way until someone fixes the cause. */
    public boolean isTransient() {
        return status == NO_ANSWER || status == 408 || status == 429 || status >= 500;
    }

    /**
     * Safe to repeat this very call at once. A create whose answer was lost may have been applied;
     * repeating it could create a duplicate, so such a failure goes back through the whole conversion,
     * whose every step looks up before it creates.
     */
    public boolean isRepeatable() {
        return isTransient() && !mayHaveBeenApplied;
    }

    public boolean isRateLimited() {
        return status == 429;
    }
}
