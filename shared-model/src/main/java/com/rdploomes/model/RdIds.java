package com.rdploomes.model;

/**
 * RD Station's identifiers of the lead. The lead id is a string: RD sends it as one and it exceeds 32 bits.
 */
public record RdIds(String leadId, String uuid) {

    public static final RdIds NONE = new RdIds(null, null);
}
