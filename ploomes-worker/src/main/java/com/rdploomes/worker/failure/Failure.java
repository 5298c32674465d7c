package com.rdploomes.worker.failure;

/**
 * Why a conversion did not go through this time.
 *
 * @param reason a short code operators filter on: ploomes-4xx, ploomes-unavailable, ploomes-rate-limited,
 *        invalid-message, worker-error
 * @param detail what happened, for a human; bounded before it goes into a header
 * @param httpStatus the last Ploomes status, 0 when none
 * @param retryable whether waiting can fix it
 */
public record Failure(String reason, String detail, int httpStatus, boolean retryable) {
}
