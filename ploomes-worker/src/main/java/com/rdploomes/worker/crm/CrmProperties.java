package com.rdploomes.worker.crm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How conversions are written in Ploomes, beyond where they land (PloomesProperties).
 *
 * @param dealTitle template of new deals' titles (PLOOMES_DEAL_TITLE), see {@link DealTitle}
 * @param opportunityRule what RD's opportunities do (OPPORTUNITY_RULE), see {@link OpportunityRule}
 */
@ConfigurationProperties("rd-ploomes.crm")
public record CrmProperties(
        @DefaultValue(DealTitle.DEFAULT) String dealTitle,
        @DefaultValue("conversion") String opportunityRule) {

    public CrmProperties {
        dealTitle = dealTitle == null || dealTitle.isBlank() ? DealTitle.DEFAULT : dealTitle;
        opportunityRule = opportunityRule == null || opportunityRule.isBlank() ? "conversion" : opportunityRule;
        // both are checked here so that a typo stops the worker at startup, not at the first conversion
        DealTitle.parse(dealTitle);
        OpportunityRule.parse(opportunityRule);
    }
}
