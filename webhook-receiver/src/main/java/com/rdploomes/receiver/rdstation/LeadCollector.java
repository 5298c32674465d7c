package com.rdploomes.receiver.rdstation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.rdploomes.model.Conversion;

/** Gathers the leads of one body: each becomes a conversion or a rejection, so one bad lead spares the others. */
final class LeadCollector {

    private final List<Conversion> conversions = new ArrayList<>();
    private final List<RejectedLead> rejected = new ArrayList<>();
    private int count;

    void add(Supplier<Conversion> mapping) {
        int index = count++;
        try {
            conversions.add(mapping.get());
        } catch (UnusableLeadException e) {
            rejected.add(new RejectedLead(index, e.getMessage()));
        }
    }

    ParseOutcome.Leads result(Conversion.SourceFormat format) {
        return new ParseOutcome.Leads(format, count, conversions, rejected);
    }
}
