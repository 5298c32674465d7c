package com.rdploomes.receiver.rdstation;

import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The lead's e-mail, the one field without which a conversion is useless: the worker finds or creates
 * the Ploomes contact by it. Trimmed and lower-cased so that " Ana@X.com " and "ana@x.com" are one contact.
 */
final class EmailAddress {

    /**
     * Deliberately loose (RFC 5322 is far wider than real addresses, and a too strict check loses leads):
     * something@domain.tld, no spaces, one @, non-empty labels.
     */
    private static final Pattern SHAPE = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

    private EmailAddress() {
    }

    /**
     * @throws UnusableLeadException naming why, without echoing the value (reasons go to logs and answers)
     */
    static String normalise(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new UnusableLeadException("the lead has no e-mail");
        }
        if (!node.isString()) {
            throw new UnusableLeadException("the lead's e-mail is not text");
        }
        String email = node.stringValue().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || JsonValues.NO_VALUE.equalsIgnoreCase(email)) {
            throw new UnusableLeadException("the lead's e-mail is blank");
        }
        if (!SHAPE.matcher(email).matches()) {
            throw new UnusableLeadException("the lead's e-mail is not an e-mail address");
        }
        return email;
    }
}
