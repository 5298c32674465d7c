package com.rdploomes.receiver.rdstation;

import java.util.List;

import com.rdploomes.model.Conversion;

/** What a webhook body amounts to. */
public sealed interface ParseOutcome {

    /**
     * A body of one of the accepted shapes.
     *
     * @param leadCount how many leads the body held
     * @param conversions the leads that became conversions, in body order
     * @param rejected the leads that could not, in body order
     */
    record Leads(Conversion.SourceFormat format, int leadCount, List<Conversion> conversions,
                 List<RejectedLead> rejected) implements ParseOutcome {

        public Leads {
            conversions = List.copyOf(conversions);
            rejected = List.copyOf(rejected);
        }
    }

    /** A well-formed RD event that is not a conversion: answered 200 so RD does not resend it. */
    record Ignored(String eventType, String reason) implements ParseOutcome {
    }

    /** A body that is not JSON, or not one of the accepted shapes. */
    record Refused(Problem problem, String detail) implements ParseOutcome {
    }

    enum Problem { MALFORMED, UNKNOWN_SHAPE }
}
