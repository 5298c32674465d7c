package com.rdploomes.worker.ploomes;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A phone on a Ploomes contact; CountryId 76 is Brazil. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPhone(String phoneNumber, Integer typeId, int countryId) {

    public static final int BRAZIL = 76;
}
