package com.rdploomes.worker.crm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.rdploomes.model.Masking;
import com.rdploomes.model.Phone;
import com.rdploomes.worker.ploomes.ContactPhone;

/**
 * RD phones → Ploomes phones. Numbers are read with Brazil as the default region and written in the
 * national format salespeople dial ("(11) 98888-0001"); a number that cannot be read is kept as RD sent
 * it rather than dropped, because a lead with an odd phone is still a lead.
 */
class PhoneFormatter {

    private static final Logger log = LoggerFactory.getLogger(PhoneFormatter.class);
    private static final String PLACEHOLDER = "\\N";

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

    List<ContactPhone> format(List<Phone> phones) {
        Set<String> seen = new LinkedHashSet<>();
        List<ContactPhone> out = new ArrayList<>();
        for (Phone phone : phones) {
            String raw = phone.number() == null ? "" : phone.number().trim();
            if (raw.isEmpty() || raw.equals(PLACEHOLDER)) {
                continue;
            }
            String formatted = national(raw);
            if (seen.add(formatted.replaceAll("\\D", ""))) {
                out.add(new ContactPhone(formatted, null, ContactPhone.BRAZIL));
            }
        }
        return out;
    }

    private String national(String raw) {
        try {
            PhoneNumber parsed = numbers.parse(raw, "BR");
            if (numbers.isValidNumber(parsed)) {
                return parsed.getCountryCode() == 55
                        ? numbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                        : numbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
            }
        } catch (NumberParseException e) {
            // fall through: kept raw below
        }
        log.warn("phone {} is not a valid number; sent to Ploomes as received", Masking.phone(raw));
        return raw;
    }
}
