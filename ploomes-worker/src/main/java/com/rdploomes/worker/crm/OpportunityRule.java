package com.rdploomes.worker.crm;

import java.util.Arrays;
import java.util.List;

import com.rdploomes.model.Conversion;
import com.rdploomes.worker.mapping.RdOpportunity;

/**
 * What RD's opportunities do in Ploomes (OPPORTUNITY_RULE). RD reports them as the 2.0 event
 * {@code WEBHOOK.MARKED_OPPORTUNITY} and as a flag on the lead (legacy {@code opportunity: "true"}, 2.0
 * {@code funnel.opportunity}). Whatever the rule, the note of an opportunity says the lead was marked as
 * one in RD.
 */
public enum OpportunityRule {

    /** Default: an opportunity is handled like any conversion (contact, open deal, note). */
    CONVERSION("conversion"),
    /**
     * {@code WEBHOOK.MARKED_OPPORTUNITY} events leave Ploomes untouched (for accounts whose RD flows also send
     * the conversion itself). Legacy bodies cannot be told apart from conversions and are handled as such.
     */
    IGNORE("ignore"),
    /**
     * Only opportunities get a new deal, the replaced system's last behaviour; other conversions get the
     * contact and the note, on the open deal when there is one.
     */
    DEAL_ONLY_FOR_OPPORTUNITIES("deal-only-for-opportunities");

    private final String configName;

    OpportunityRule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static OpportunityRule parse(String value) {
        String wanted = value.strip();
        return Arrays.stream(values()).filter(r -> r.configName.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("OPPORTUNITY_RULE='" + value + "' is not one of "
                        + Arrays.stream(values()).map(OpportunityRule::configName).toList()));
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(OpportunityRule::configName).toList();
    }

    /** The conversion is left out of Ploomes altogether. */
    boolean ignores(Conversion conversion) {
        return this == IGNORE && RdOpportunity.isMarkingEvent(conversion);
    }

    /** A new deal may be opened for this conversion when the contact has none open. */
    boolean opensDeal(Conversion conversion) {
        return this != DEAL_ONLY_FOR_OPPORTUNITIES || RdOpportunity.isOpportunity(conversion);
    }
}
