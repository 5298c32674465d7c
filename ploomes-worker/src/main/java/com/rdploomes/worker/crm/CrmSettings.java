package com.rdploomes.worker.crm;

/** Where conversions land in Ploomes, resolved once from the configuration. */
record CrmSettings(long pipelineId, long stageId, Long ownerId, Long originId) {
}
