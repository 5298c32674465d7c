package com.rdploomes.worker.crm;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.worker.ploomes.NewDeal;
import com.rdploomes.worker.ploomes.PloomesClient;

import tools.jackson.databind.JsonNode;

/** Makes sure the contact has an open deal in the configured pipeline, creating one only when none is open. */
class DealOpener {

    private static final Logger log = LoggerFactory.getLogger(DealOpener.class);

    private final PloomesClient ploomes;
    private final CrmSettings settings;

    DealOpener(PloomesClient ploomes, CrmSettings settings) {
        this.ploomes = ploomes;
        this.settings = settings;
    }

    OpenDeal open(Conversion conversion, ContactResolver.ResolvedContact contact) {
        if (!contact.created()) {
            // a contact created a moment ago cannot have a deal yet: skip the lookup and save a call
            Optional<JsonNode> open = ploomes.findOpenDeal(contact.id(), settings.pipelineId());
            if (open.isPresent()) {
                return new OpenDeal(open.get().path("Id").asLong(), false);
            }
        }
        long id = ploomes.createDeal(new NewDeal(title(conversion), contact.id(), settings.pipelineId(),
                settings.stageId(), settings.ownerId(), settings.originId()));
        log.info("deal created id={} contact={} conversion={}", id, contact.id(), conversion.id());
        return new OpenDeal(id, true);
    }

    /** "RD | Ana Exemplo | orcamento-site", the title the replaced system's salespeople know. */
    static String title(Conversion conversion) {
        String identifier = conversion.conversionIdentifier() == null || conversion.conversionIdentifier().isBlank()
                ? "conversão" : conversion.conversionIdentifier();
        return "RD | " + ContactResolver.displayName(conversion.lead()) + " | " + identifier;
    }

    record OpenDeal(long id, boolean created) {
    }
}
