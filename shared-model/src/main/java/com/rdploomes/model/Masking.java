package com.rdploomes.model;

/**
 * Personal data as logs may show it (LGPD): enough for an operator to tell two leads apart, never the
 * whole address or number.
 */
public final class Masking {

    private Masking() {
    }

    /** "ana.exemplo@example.com" → "a***@example.com". */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return "-";
        }
        String trimmed = email.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return trimmed.charAt(0) + "***" + trimmed.substring(at);
    }

    /** "+55 (11) 98888-0001" → "***0001". */
    public static String phone(String phone) {
        if (phone == null) {
            return "-";
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 4 ? "***" : "***" + digits.substring(digits.length() - 4);
    }
}
