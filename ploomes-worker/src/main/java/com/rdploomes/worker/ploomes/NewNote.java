package com.rdploomes.worker.ploomes;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST /InteractionRecords: a note on the contact's and the deal's timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewNote(long contactId, Long dealId, String content, OffsetDateTime date) {
}
