package com.rdploomes.worker.ploomes;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST /Deals. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewDeal(String title, long contactId, long pipelineId, long stageId, Long ownerId, Long originId) {
}
