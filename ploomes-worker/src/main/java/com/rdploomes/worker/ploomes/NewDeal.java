package com.rdploomes.worker.ploomes;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST /Deals. Absent values and an empty OtherProperties are left out. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NewDeal(String title, long contactId, long pipelineId, long stageId, Long ownerId, Long originId,
                      List<OtherProperty> otherProperties) {

    public NewDeal {
        otherProperties = otherProperties == null ? List.of() : List.copyOf(otherProperties);
    }
}
