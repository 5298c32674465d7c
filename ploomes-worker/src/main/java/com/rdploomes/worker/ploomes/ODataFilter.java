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

    /** Notes of a contact whose content contains a text (OData {@code contains}, ploomes-api.md §2). */
    public static String noteOf(long contactId, String text) {
        return "ContactId eq " + contactId + " and contains(Content," + literal(text) + ")";
    }

    /** Open deals of a pipeline: the filter inside the contact lookup's {@code Deals} expansion. */
    public static String openDealIn(long pipelineId) {
        return "PipelineId eq " + pipelineId + " and StatusId eq 1";
    }

    public static String openDealOf(long contactId, long pipelineId) {
        return "(ContactId eq " + contactId + " or PersonId eq " + contactId + ") and PipelineId eq " + pipelineId
                + " and StatusId eq 1";
    }
}
