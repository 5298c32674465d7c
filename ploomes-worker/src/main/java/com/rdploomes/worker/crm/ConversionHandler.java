package com.rdploomes.worker.crm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Masking;

/**
 * The worker's job for one conversion: contact, open deal, note. Every step looks up before it creates,
 * so running a conversion again after a crash or a redelivery creates no second contact or deal.
 */
public class ConversionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConversionHandler.class);

    private final ContactResolver contacts;
    private final DealOpener deals;
    private final NoteWriter notes;

    ConversionHandler(ContactResolver contacts, DealOpener deals, NoteWriter notes) {
        this.contacts = contacts;
        this.deals = deals;
        this.notes = notes;
    }

    public Outcome handle(Conversion conversion) {
        ContactResolver.ResolvedContact contact = contacts.resolve(conversion);
        DealOpener.OpenDeal deal = deals.open(conversion, contact);
        long note = notes.write(conversion, contact.id(), deal.id());
        Outcome outcome = new Outcome(contact.id(), contact.created(), deal.id(), deal.created(), note);
        log.info("conversion done conversion={} email={} contact={} contactCreated={} deal={} dealCreated={} note={}",
                conversion.id(), Masking.email(conversion.lead().email()), outcome.contactId(), outcome.contactCreated(),
                outcome.dealId(), outcome.dealCreated(), outcome.noteId());
        return outcome;
    }

    /** What the conversion became in Ploomes. */
    public record Outcome(long contactId, boolean contactCreated, long dealId, boolean dealCreated, long noteId) {
    }
}
