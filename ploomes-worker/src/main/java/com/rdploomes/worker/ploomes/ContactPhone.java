package com.rdploomes.worker.ploomes;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A phone on a Ploomes contact.
 *
 * @param typeId one of the account's {@code GET /PhoneTypes}; null leaves it to Ploomes
 * @param countryId 76 for Brazil; null for a number of another country (Ploomes' ids for them are not known)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPhone(String phoneNumber, Integer typeId, Integer countryId) {

    public static final int BRAZIL = 76;
}
