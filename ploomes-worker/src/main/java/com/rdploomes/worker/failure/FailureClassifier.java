package com.rdploomes.worker.failure;

import org.springframework.stereotype.Component;

import com.rdploomes.model.InvalidConversionException;
import com.rdploomes.worker.ploomes.PloomesException;

/** Transient failures wait and retry; permanent ones go to the dead-letter queue at once. */
@Component
public class FailureClassifier {

    public Failure classify(Throwable error) {
        if (error instanceof InvalidConversionException invalid) {
            return new Failure("invalid-message", invalid.getMessage(), 0, false);
        }
        if (error instanceof PloomesException ploomes) {
            if (ploomes.isRateLimited()) {
                return new Failure("ploomes-rate-limited", ploomes.getMessage(), ploomes.status(), true);
            }
            if (ploomes.isTransient()) {
                return new Failure("ploomes-unavailable", ploomes.getMessage(), ploomes.status(), true);
            }
            if (ploomes.status() >= 400) {
                return new Failure("ploomes-4xx", ploomes.getMessage(), ploomes.status(), false);
            }
            return new Failure("ploomes-unexpected-answer", ploomes.getMessage(), ploomes.status(), false);
        }
        // a bug or a surprise: give it the retry tiers, then park it where someone will look
        return new Failure("worker-error", error.getClass().getSimpleName() + ": " + error.getMessage(), 0, true);
    }
}
