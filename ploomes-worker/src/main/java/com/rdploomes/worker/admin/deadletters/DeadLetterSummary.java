package com.rdploomes.worker.admin.deadletters;

import java.time.Instant;

import com.rdploomes.model.Masking;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One dead letter in a list: what the command line prints with {@code --json} and the API returns. The e-mail
 * is masked, and so are e-mails and phone numbers inside the detail (Ploomes quotes them in its errors).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetterSummary(String conversionId, Instant failedAt, Instant firstFailedAt, String reason,
                                int attempts, Integer lastHttpStatus, String email, String detail, int replayCount,
                                Instant lastReplayedAt) {

    public static DeadLetterSummary of(DeadLetter letter) {
        return new DeadLetterSummary(letter.conversionId(), letter.failedAt(), letter.firstFailedAt(), letter.reason(),
                letter.attempts(), letter.lastHttpStatus(), letter.maskedEmail(), Masking.text(letter.detail()),
                letter.replayCount(), letter.lastReplayedAt());
    }
}
