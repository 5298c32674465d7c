package com.rdploomes.worker.admin.deadletters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rdploomes.model.Masking;

/**
 * Which dead letters an operation touches: conversion ids, a filter, or everything. Every criterion given must
 * match. Operations that change the queue (replay, discard) refuse an empty selection unless {@code all} says
 * so explicitly, so a forgotten filter never moves the whole queue.
 *
 * @param ids conversion ids; empty for any
 * @param reason the failure reason code (x-failure-reason), case-insensitive; null for any
 * @param since failed at or after; null for no bound
 * @param until failed before; null for no bound
 * @param email the lead's e-mail, compared normalised; null for any
 * @param all everything (only alone)
 */
public record Selection(List<String> ids, String reason, Instant since, Instant until, String email, boolean all) {

    private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([smhdw])");

    public Selection {
        Set<String> unique = new LinkedHashSet<>();
        if (ids != null) {
            ids.stream().filter(id -> id != null && !id.isBlank()).map(String::trim).forEach(unique::add);
        }
        ids = List.copyOf(unique);
        reason = blankToNull(reason);
        email = blankToNull(email) == null ? null : DeadLetter.normalise(email);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidSelectionException("--since (" + since + ") must be before --until (" + until + ")");
        }
        if (all && hasCriteria(ids, reason, since, until, email)) {
            throw new InvalidSelectionException("--all selects everything: give it alone, or give ids or filters without it");
        }
    }

    /** Every dead letter, for listing. */
    public static Selection everything() {
        return new Selection(List.of(), null, null, null, null, true);
    }

    public static Selection ofIds(String... ids) {
        return new Selection(List.of(ids), null, null, null, null, false);
    }

    public boolean hasCriteria() {
        return hasCriteria(ids, reason, since, until, email);
    }

    /** For replay and discard: an explicit choice, never "nothing given means everything". */
    public Selection requireExplicit() {
        if (!all && !hasCriteria()) {
            throw new InvalidSelectionException("say which dead letters: conversion ids, a filter (reason, since, until, email) or all");
        }
        return this;
    }

    public boolean matches(DeadLetter letter) {
        if (!ids.isEmpty() && !ids.contains(letter.conversionId())) {
            return false;
        }
        if (reason != null && !reason.equalsIgnoreCase(letter.reason())) {
            return false;
        }
        if (since != null && (letter.failedAt() == null || letter.failedAt().isBefore(since))) {
            return false;
        }
        if (until != null && (letter.failedAt() == null || !letter.failedAt().isBefore(until))) {
            return false;
        }
        return email == null || email.equals(letter.email());
    }

    /** For messages and logs: the e-mail masked. */
    public String describe() {
        if (all || !hasCriteria()) {
            return "all dead letters";
        }
        List<String> parts = new ArrayList<>();
        if (!ids.isEmpty()) {
            parts.add(ids.size() == 1 ? "id " + ids.getFirst() : ids.size() + " ids");
        }
        if (reason != null) {
            parts.add("reason " + reason);
        }
        if (since != null) {
            parts.add("since " + since);
        }
        if (until != null) {
            parts.add("until " + until);
        }
        if (email != null) {
            parts.add("e-mail " + Masking.email(email));
        }
        return String.join(", ", parts);
    }

    /**
     * A time bound as operators type it: an instant ({@code 2024-05-20T19:40:12Z}), a UTC date ({@code 2024-05-20},
     * its midnight), or an age ({@code 30m}, {@code 2h}, {@code 3d}, {@code 1w}: that long before now).
     */
    public static Instant parseTime(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher relative = RELATIVE.matcher(value.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration age = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
            return clock.instant().minus(age);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidSelectionException("'" + value + "' is not a time: use 2024-05-20T19:40:12Z, 2024-05-20 (UTC) or an age such as 30m, 2h, 3d");
            }
        }
    }

    private static boolean hasCriteria(List<String> ids, String reason, Instant since, Instant until, String email) {
        return !ids.isEmpty() || reason != null || since != null || until != null || email != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A selection that cannot be right: the message says what to give instead. */
    public static class InvalidSelectionException extends IllegalArgumentException {
        public InvalidSelectionException(String message) {
            super(message);
        }
    }
}
