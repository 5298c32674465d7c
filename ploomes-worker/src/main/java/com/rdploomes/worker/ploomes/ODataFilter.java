package com.rdploomes.worker.ploomes;

/** Builds the OData $filter expressions the worker sends; string literals are quoted with '' escaping. */
public final class ODataFilter {

    private ODataFilter() {
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String contactByEmail(String email) {
        return "Email eq " + literal(email);
    }

    public static String openDealOf(long contactId, long pipelineId) {
        return "(ContactId eq " + contactId + " or PersonId eq " + contactId + ") and PipelineId eq " + pipelineId
                + " and StatusId eq 1";
    }
}
