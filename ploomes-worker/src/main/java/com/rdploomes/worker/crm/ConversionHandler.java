package com.rdploomes.worker.crm;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Masking;
import com.rdploomes.worker.ploomes.PloomesException;

/**
 * The worker's job for one conversion: contact, open deal, note. Every step looks up before it creates, so
 * running a conversion again after a crash or a redelivery creates no second contact or deal; the
 * {@link ConversionLedger} keeps it from writing a second note. Conversions of one lead run one at a time
 * ({@link EmailLocks}), so concurrent consumers never race into two contacts or two deals.
 *
 * <p>Calls per conversion: a new lead 4 (look up, create contact, create deal, note); a returning lead with
 * an open deal 2 (look up, which also sees the open deal, note); a returning lead without one 3 (look up,
 * create deal, note). One more when an existing contact has empty fields to fill (PATCH), one more to look
 * for the open deal when the contact belongs to a company or Ploomes refused the lookup's deal expansion
 * ({@link KnownDeal}), and one more to look for an earlier note when the ledger cannot vouch (see there).
 * A conversion already done by this process costs none.
 */
public class ConversionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConversionHandler.class);

    private final ContactResolver contacts;
    private final DealOpener deals;
    private final NoteWriter notes;
    private final OpportunityRule rule;
    private final EmailLocks locks;
    private final ConversionLedger ledger;

    ConversionHandler(ContactResolver contacts, DealOpener deals, NoteWriter notes, OpportunityRule rule,
                      EmailLocks locks, ConversionLedger ledger) {
        this.contacts = contacts;
        this.deals = deals;
        this.notes = notes;
        this.rule = rule;
        this.locks = locks;
        this.ledger = ledger;
    }

    public Outcome handle(Conversion conversion) {
        String email = LeadEmail.normalise(conversion.lead().email());
        if (rule.ignores(conversion)) {
            log.info("conversion ignored: OPPORTUNITY_RULE=ignore and it is {}; conversion={} email={}",
                    conversion.eventType(), conversion.id(), Masking.email(email));
            return Outcome.IGNORED;
        }
        return locks.withLock(email, () -> handleAlone(conversion, email));
    }

    private Outcome handleAlone(Conversion conversion, String email) {
        String key = NoteWriter.marker(conversion);
        Optional<Outcome> done = ledger.done(key);
        if (done.isPresent()) {
            log.info("conversion already in Ploomes, nothing written: conversion={} email={} contact={} note={}",
                    conversion.id(), Masking.email(email), done.get().contactId(), done.get().noteId());
            return done.get().asDuplicate();
        }
        ContactResolver.ResolvedContact contact = contacts.resolve(conversion, email);
        Optional<DealOpener.OpenDeal> deal = deals.open(conversion, contact);
        Long dealId = deal.map(DealOpener.OpenDeal::id).orElse(null);
        Optional<Long> earlier = !contact.created() && ledger.mayHaveAnEarlierNote(key, conversion)
                ? notes.find(conversion, contact.id()) : Optional.empty();
        long note;
        boolean duplicate = earlier.isPresent();
        if (duplicate) {
            note = earlier.get();
        } else {
            try {
                note = notes.write(conversion, contact.id(), dealId);
            } catch (PloomesException e) {
                if (!e.isRepeatable() && e.isTransient()) {
                    ledger.recordNoteUncertain(key); // it may be in Ploomes: look before posting next time
                }
                throw e;
            }
        }
        Outcome outcome = new Outcome(contact.id(), contact.created(), dealId == null ? 0 : dealId,
                deal.map(DealOpener.OpenDeal::created).orElse(false), note,
                duplicate ? Result.DUPLICATE : Result.WRITTEN);
        ledger.recordDone(key, outcome);
        log.info("conversion done conversion={} email={} contact={} contactCreated={} deal={} dealCreated={} note={}{}",
                conversion.id(), Masking.email(email), outcome.contactId(), outcome.contactCreated(), outcome.dealId(),
                outcome.dealCreated(), outcome.noteId(), duplicate ? " (the note was already there)" : "");
        return outcome;
    }

    /**
     * What the conversion became in Ploomes.
     *
     * @param dealId 0 when the contact has no open deal and none was opened (OPPORTUNITY_RULE)
     * @param noteId the note written, or the one found already written for this conversion
     */
    public record Outcome(long contactId, boolean contactCreated, long dealId, boolean dealCreated, long noteId,
                          Result result) {

        static final Outcome IGNORED = new Outcome(0, false, 0, false, 0, Result.IGNORED);

        Outcome asDuplicate() {
            return new Outcome(contactId, false, dealId, false, noteId, Result.DUPLICATE);
        }
    }

    /** Whether this delivery wrote the note, found it written already, or was left out by the opportunity rule. */
    public enum Result { WRITTEN, DUPLICATE, IGNORED }
}
