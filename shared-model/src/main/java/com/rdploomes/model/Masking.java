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

    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    // digits possibly split by spaces, dots, dashes or parentheses; which of them are phones is decided below
    private static final java.util.regex.Pattern LONG_NUMBER =
            java.util.regex.Pattern.compile("\\+?\\(?\\d(?:[\\d\\s().-]{6,}\\d)");

    /**
     * Free text that may quote personal data (an error body from Ploomes, say): every e-mail masked like
     * {@link #email(String)}, and every phone-like number like {@link #phone(String)}: 10 or more digits
     * (a number with its area code, a CPF), or 8 or 9 digits ending in "-dddd" ("98888-0001"). Plain 8- or
     * 9-digit numbers stay: they are Ploomes ids, which an operator needs to read.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***$2");
        java.util.regex.Matcher numbers = LONG_NUMBER.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (numbers.find()) {
            String digits = numbers.group().replaceAll("\\D", "");
            String found = numbers.group();
            boolean phoneLike = digits.length() >= 10 || (digits.length() >= 8 && found.matches(".*\\d-\\d{4}"));
            numbers.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(phoneLike ? phone(found) : found));
        }
        numbers.appendTail(out);
        return out.toString();
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
