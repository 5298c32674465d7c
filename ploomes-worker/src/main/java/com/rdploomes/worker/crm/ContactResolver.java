package com.rdploomes.worker.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.Masking;
import com.rdploomes.worker.ploomes.ContactPhone;
import com.rdploomes.worker.ploomes.NewContact;
import com.rdploomes.worker.ploomes.PloomesClient;

import tools.jackson.databind.JsonNode;

/**
 * Finds the lead's contact by e-mail (the oldest, when several share it) or creates it. An existing
 * contact is only completed, never overwritten: what a salesperson typed wins over what RD sends.
 */
class ContactResolver {

    private static final Logger log = LoggerFactory.getLogger(ContactResolver.class);

    private final PloomesClient ploomes;
    private final PhoneFormatter phones;
    private final CrmSettings settings;

    ContactResolver(PloomesClient ploomes, PhoneFormatter phones, CrmSettings settings) {
        this.ploomes = ploomes;
        this.phones = phones;
        this.settings = settings;
    }

    ResolvedContact resolve(Conversion conversion) {
        Lead lead = conversion.lead();
        List<ContactPhone> leadPhones = phones.format(lead.phones());
        Optional<JsonNode> existing = ploomes.findContactByEmail(lead.email());
        if (existing.isPresent()) {
            long id = existing.get().path("Id").asLong();
            completeMissing(id, existing.get(), lead, leadPhones);
            return new ResolvedContact(id, false);
        }
        long id = ploomes.createContact(new NewContact(displayName(lead), NewContact.PERSON, lead.email(),
                settings.ownerId(), settings.originId(), leadPhones));
        log.info("contact created id={} email={} conversion={}", id, Masking.email(lead.email()), conversion.id());
        return new ResolvedContact(id, true);
    }

    private void completeMissing(long id, JsonNode contact, Lead lead, List<ContactPhone> leadPhones) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (contact.path("Name").asString("").isBlank() && lead.name() != null && !lead.name().isBlank()) {
            changes.put("Name", lead.name().trim());
        }
        JsonNode existingPhones = contact.path("Phones");
        boolean hasPhones = existingPhones.isArray() && !existingPhones.isEmpty();
        if (!hasPhones && !leadPhones.isEmpty()) {
            changes.put("Phones", leadPhones);
        }
        if (!changes.isEmpty()) {
            ploomes.updateContact(id, changes);
            log.info("contact completed id={} fields={}", id, changes.keySet());
        }
    }

    static String displayName(Lead lead) {
        if (lead.name() != null && !lead.name().isBlank()) {
            return lead.name().trim();
        }
        return lead.email(); // Ploomes requires a name; the e-mail is what the salesperson would search for
    }

    record ResolvedContact(long id, boolean created) {
    }
}
