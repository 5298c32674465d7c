package com.rdploomes.worker.admin.deadletters;

import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A read of the dead-letter queue that left everything in place.
 *
 * @param inQueue ready messages when the read started
 * @param read messages read
 * @param matched those the filter matched
 * @param byReason matched ones by failure reason, most frequent first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Survey(long inQueue, long read, long matched, Map<String, Long> byReason) {
}
