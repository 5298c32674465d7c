package com.rdploomes.model;

/**
 * A phone number as RD sent it; parsing and formatting happen in the worker, which knows Ploomes.
 *
 * @param kind which RD field it came from
 * @param number the raw text, never blank
 */
public record Phone(Kind kind, String number) {

    public enum Kind { PERSONAL, MOBILE }
}
