package com.rdploomes.worker.crm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.rdploomes.model.Masking;
import com.rdploomes.model.Phone;
import com.rdploomes.worker.ploomes.ContactPhone;

/**
 * RD phones → Ploomes phones. Numbers are read by libphonenumber with Brazil as the default region (with or
 * without +55, with the area code in parentheses or not, with the carrier prefix 0xx) and written in the
 * national format salespeople dial ("(11) 98888-0001"). A Brazilian mobile written without its ninth digit
 * (the 8-digit numbers of before 2016, "(11) 8888-0001") gets it. The phone type is the mobile type for
 * mobiles and the landline type for fixed lines; when the number does not say (or cannot be read), the RD
 * field does: mobile_phone is a mobile, personal_phone a landline. {@code \N} and blanks are dropped; a
 * number that cannot be read is kept as RD sent it, with a warning, because a lead with an odd phone is
 * still a lead.
 */
class PhoneFormatter {

    private static final Logger log = LoggerFactory.getLogger(PhoneFormatter.class);
    private static final String PLACEHOLDER = "\\N";
    private static final int BRAZIL_CALLING_CODE = 55;

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

    /** The PhoneTypes Ids to write; either may be null (no TypeId sent). */
    record PhoneTypes(Integer mobile, Integer landline) {

        static final PhoneTypes NONE = new PhoneTypes(null, null);
    }

    List<ContactPhone> format(List<Phone> phones, PhoneTypes types) {
        Set<String> seen = new LinkedHashSet<>();
        List<ContactPhone> out = new ArrayList<>();
        for (Phone phone : phones) {
            String raw = phone.number() == null ? "" : phone.number().strip();
            if (raw.isEmpty() || raw.equals(PLACEHOLDER)) {
                continue;
            }
            ContactPhone formatted = format(raw, phone.kind(), types);
            if (seen.add(formatted.phoneNumber().replaceAll("\\D", ""))) {
                out.add(formatted);
            }
        }
        return out;
    }

    private ContactPhone format(String raw, Phone.Kind kind, PhoneTypes types) {
        PhoneNumber parsed = parse(raw);
        if (parsed == null) {
            log.warn("phone {} is not a valid number; sent to Ploomes as received", Masking.phone(raw));
            return new ContactPhone(raw, byField(kind, types), ContactPhone.BRAZIL);
        }
        Integer type = switch (numbers.getNumberType(parsed)) {
            case MOBILE -> types.mobile();
            case FIXED_LINE -> types.landline();
            default -> byField(kind, types);
        };
        if (parsed.getCountryCode() == BRAZIL_CALLING_CODE) {
            return new ContactPhone(numbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.NATIONAL), type,
                    ContactPhone.BRAZIL);
        }
        return new ContactPhone(numbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL), type, null);
    }

    /** A valid number, trying the missing ninth digit of an old Brazilian mobile; null when none. */
    private PhoneNumber parse(String raw) {
        try {
            PhoneNumber parsed = numbers.parse(raw, "BR");
            if (numbers.isValidNumber(parsed)) {
                return parsed;
            }
            if (parsed.getCountryCode() == BRAZIL_CALLING_CODE) {
                String national = numbers.getNationalSignificantNumber(parsed);
                // area code (2 digits) + 8 digits starting with 6-9: a mobile from before the ninth digit
                if (national.length() == 10 && national.charAt(2) >= '6') {
                    PhoneNumber withNine = numbers.parse("+55" + national.substring(0, 2) + "9" + national.substring(2), "BR");
                    if (numbers.isValidNumber(withNine) && numbers.getNumberType(withNine) == PhoneNumberType.MOBILE) {
                        return withNine;
                    }
                }
            }
        } catch (NumberParseException e) {
            // not a number at all: kept raw by the caller
        }
        return null;
    }

    private static Integer byField(Phone.Kind kind, PhoneTypes types) {
        return kind == Phone.Kind.MOBILE ? types.mobile() : types.landline();
    }
}
