package com.rdploomes.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rdploomes.worker.ploomes.PloomesException;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    @ParameterizedTest
    @CsvSource({
            "0, ploomes-unavailable, true",
            "408, ploomes-unavailable, true",
            "429, ploomes-rate-limited, true",
            "500, ploomes-unavailable, true",
            "503, ploomes-unavailable, true",
            "400, ploomes-4xx, false",
            "401, ploomes-4xx, false",
            "403, ploomes-4xx, false",
            "404, ploomes-4xx, false",
            "422, ploomes-4xx, false",
            "200, ploomes-unexpected-answer, false"})
    void ploomesStatusesAreClassified(int status, String reason, boolean retryable) {
        Failure failure = classifier.classify(new PloomesException("POST /Deals", status, "body",
                status == 429 ? Duration.ofSeconds(5) : null, false, "POST /Deals answered " + status, null));
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"invalid, invalid-message, false", "bug, worker-error, true"})
    void otherErrors(String kind, String reason, boolean retryable) {
        Throwable error = kind.equals("invalid")
                ? new com.rdploomes.model.InvalidConversionException("empty message body")
                : new NullPointerException("oops");
        Failure failure = classifier.classify(error);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryable()).isEqualTo(retryable);
    }
}
