package com.rdploomes.worker.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.Masking;
import com.rdploomes.worker.account.PloomesAccount;
import com.rdploomes.worker.mapping.Entity;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.ContactPhone;
import com.rdploomes.worker.ploomes.FoundContact;
import com.rdploomes.worker.ploomes.NewContact;
import com.rdploomes.worker.ploomes.OtherProperty;
import com.rdploomes.worker.ploomes.PloomesClient;

import tools.jackson.databind.JsonNode;

/**
 * Finds the lead's contact by e-mail (the oldest, when several share it) or creates it with its phones and
 * mapped contact fields. An existing contact is only completed, never overwritten ({@link ContactEnrichment}).
 */
class ContactResolver {

    private static final Logger log = LoggerFactory.getLogger(ContactResolver.class);

    private final PloomesClient ploomes;
    private final PhoneFormatter phones;
    private final FieldMapping mapping;
    private final CrmSettings settings;
    private final Supplier<PloomesAccount> account;

    ContactResolver(PloomesClient ploomes, PhoneFormatter phones, FieldMapping mapping, CrmSettings settings,
                    Supplier<PloomesAccount> account) {
        this.ploomes = ploomes;
        this.phones = phones;
        this.mapping = mapping;
        this.settings = settings;
        this.account = account;
    }

    /** @param email the lead's e-mail, already trimmed and lower-cased */
    ResolvedContact resolve(Conversion conversion, String email) {
        Lead lead = conversion.lead();
        PloomesAccount checked = account.get();
        List<ContactPhone> leadPhones = phones.format(lead.phones(),
                new PhoneFormatter.PhoneTypes(checked.mobilePhoneTypeId(), checked.landlinePhoneTypeId()));
        List<OtherProperty> fields = mapping.properties(Entity.CONTACT, conversion);
        // custom fields are read only when some are mapped: the lookup stays as small as it can be
        boolean readFields = !mapping.fields(Entity.CONTACT).isEmpty();
        Optional<FoundContact> found = ploomes.findContactByEmail(email, readFields, settings.pipelineId());
        if (found.isPresent()) {
            JsonNode existing = found.get().contact();
            long id = found.get().id();
            Map<String, Object> changes = ContactEnrichment.changes(existing, lead, leadPhones, fields, readFields);
            if (!changes.isEmpty()) {
                ploomes.updateContact(id, changes);
                log.info("contact completed id={} fields={} conversion={}", id, changes.keySet(), conversion.id());
            }
            return new ResolvedContact(id, false, KnownDeal.of(found.get()));
        }
        long id = ploomes.createContact(new NewContact(displayName(lead), NewContact.PERSON, email,
                settings.ownerId(), settings.originId(), leadPhones, fields));
        log.info("contact created id={} email={} conversion={}", id, Masking.email(email), conversion.id());
        // a contact created a moment ago cannot have a deal yet
        return new ResolvedContact(id, true, KnownDeal.NONE);
    }

    static String displayName(Lead lead) {
        if (lead.name() != null && !lead.name().isBlank()) {
            return lead.name().strip();
        }
        // Ploomes requires a name; the e-mail is what the salesperson would search for
        return LeadEmail.normalise(lead.email());
    }

    /** @param deal what the lookup already says about the contact's open deal in the pipeline */
    record ResolvedContact(long id, boolean created, KnownDeal deal) {
    }
}
