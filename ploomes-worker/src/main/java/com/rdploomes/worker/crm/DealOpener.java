package com.rdploomes.worker.crm;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.worker.mapping.Entity;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.NewDeal;
import com.rdploomes.worker.ploomes.PloomesClient;

/**
 * Makes sure the contact has an open deal in the configured pipeline, creating one (with the mapped deal
 * fields) only when none is open and the opportunity rule allows it. An open deal is left as it is: a
 * returning lead's new answers go to the note, not over what the deal already says. Ploomes is asked for
 * the open deal only when the contact's lookup could not tell ({@link KnownDeal}).
 */
class DealOpener {

    private static final Logger log = LoggerFactory.getLogger(DealOpener.class);

    private final PloomesClient ploomes;
    private final CrmSettings settings;
    private final FieldMapping mapping;
    private final DealTitle title;
    private final OpportunityRule rule;

    DealOpener(PloomesClient ploomes, CrmSettings settings, FieldMapping mapping, DealTitle title, OpportunityRule rule) {
        this.ploomes = ploomes;
        this.settings = settings;
        this.mapping = mapping;
        this.title = title;
        this.rule = rule;
    }

    /** @return the open deal, or empty when there is none and the rule opens none for this conversion */
    Optional<OpenDeal> open(Conversion conversion, ContactResolver.ResolvedContact contact) {
        Optional<Long> open = switch (contact.deal()) {
            case KnownDeal.Open known -> Optional.of(known.id());
            case KnownDeal.None none -> Optional.empty();
            case KnownDeal.Unknown unknown -> ploomes.findOpenDeal(contact.id(), settings.pipelineId())
                    .map(deal -> deal.path("Id").asLong());
        };
        if (open.isPresent()) {
            return Optional.of(new OpenDeal(open.get(), false));
        }
        if (!rule.opensDeal(conversion)) {
            log.info("no deal opened: OPPORTUNITY_RULE={} and the lead is not an opportunity; conversion={}",
                    rule.configName(), conversion.id());
            return Optional.empty();
        }
        long id = ploomes.createDeal(new NewDeal(title.render(conversion), contact.id(), settings.pipelineId(),
                settings.stageId(), settings.ownerId(), settings.originId(), mapping.properties(Entity.DEAL, conversion)));
        log.info("deal created id={} contact={} conversion={}", id, contact.id(), conversion.id());
        return Optional.of(new OpenDeal(id, true));
    }

    record OpenDeal(long id, boolean created) {
    }
}
