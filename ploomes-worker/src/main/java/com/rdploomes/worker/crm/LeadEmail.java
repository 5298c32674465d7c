package com.rdploomes.worker.crm;

import java.util.Locale;

import com.rdploomes.model.InvalidConversionException;

/**
 * The lead's e-mail as the worker searches and writes it: trimmed and lower-cased, so " Ana@X.com " and
 * "ana@x.com" are one contact. The receiver normalises it too; the worker does it again because a message
 * may come from an older receiver, a replay or a hand-made publish.
 */
final class LeadEmail {

    private LeadEmail() {
    }

    static String normalise(String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            throw new InvalidConversionException("the conversion's lead has no e-mail");
        }
        return normalised;
    }
}
