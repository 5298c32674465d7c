package com.rdploomes.worker.account;

import java.time.Instant;
import java.util.Map;

/**
 * What the startup checks found in the Ploomes account, kept for the life of the process: where deals
 * land, the phone types to use and the names of the mapped fields (for the note).
 *
 * @param owner null when no owner is configured
 * @param mobilePhoneTypeId the PhoneTypes Id for mobiles; null when none is configured
 * @param landlinePhoneTypeId the PhoneTypes Id for landlines; null when none is configured
 * @param fieldNames the Ploomes name of each mapped FieldKey
 */
public record PloomesAccount(Named pipeline, Named stage, Named owner, Integer mobilePhoneTypeId,
                             Integer landlinePhoneTypeId, Map<String, String> fieldNames, Instant checkedAt) {

    public PloomesAccount {
        fieldNames = Map.copyOf(fieldNames);
    }

    /** An id and the name Ploomes shows for it. */
    public record Named(long id, String name) {

        @Override
        public String toString() {
            return id + " (" + name + ")";
        }
    }

    /** The Ploomes name of a custom field, or its key when the account did not say. */
    public String fieldName(String fieldKey) {
        return fieldNames.getOrDefault(fieldKey, fieldKey);
    }
}
