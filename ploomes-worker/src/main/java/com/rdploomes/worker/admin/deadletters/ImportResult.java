package com.rdploomes.worker.admin.deadletters;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * @param lines dead letters in the file
 * @param imported confirmed into the dead-letter queue (0 on a dry run)
 * @param error why it stopped early, or null: lines after {@code imported} were not imported
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportResult(int lines, int imported, boolean dryRun, String error) {
}
