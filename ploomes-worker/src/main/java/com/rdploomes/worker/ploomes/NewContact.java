package com.rdploomes.worker.ploomes;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST /Contacts. Empty values are left out: an empty array could wipe what Ploomes has. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NewContact(String name, int typeId, String email, Long ownerId, Long originId, List<ContactPhone> phones,
                         List<OtherProperty> otherProperties) {

    /** Ploomes' contact type for a person (1 is a company). */
    public static final int PERSON = 2;

    public NewContact {
        phones = phones == null ? List.of() : List.copyOf(phones);
        otherProperties = otherProperties == null ? List.of() : List.copyOf(otherProperties);
    }
}
