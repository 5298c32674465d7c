package com.rdploomes.worker.crm;

import com.rdploomes.worker.ploomes.FoundContact;

/** What the contact's lookup (or creation) already tells about its open deal in the pipeline. */
sealed interface KnownDeal {

    KnownDeal NONE = new None();
    KnownDeal UNKNOWN = new Unknown();

    /** The lookup saw this open deal. */
    record Open(long id) implements KnownDeal {
    }

    /** Certainly none: the contact was just created, or the lookup saw every deal that could be its. */
    record None() implements KnownDeal {
    }

    /** The lookup could not tell: ask Ploomes. */
    record Unknown() implements KnownDeal {
    }

    static KnownDeal of(FoundContact found) {
        if (!found.dealsSeen()) {
            return UNKNOWN;
        }
        return found.openDealId().<KnownDeal>map(Open::new).orElseGet(() ->
                // the expansion lists only deals whose ContactId (client) is this contact; a person is also on
                // the deals of its company as their PersonId, which only a separate lookup finds
                found.hasCompany() ? UNKNOWN : NONE);
    }
}
