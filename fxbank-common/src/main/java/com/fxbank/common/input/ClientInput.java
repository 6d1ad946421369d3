package com.fxbank.common.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** How a message may quote what a client sent: whole when short and printable, only its length otherwise. */
public final class ClientInput {

    private static final int ECHO_LIMIT = 24;

    private ClientInput() {
    }

    /** The longest reason an operator may give for an action. */
    public static final int MAX_REASON = 500;

    /** {@code value}, or the 400 that says the field is missing. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /**
     * An operator's reason for an action (what was fixed, a ticket): 1 to {@link #MAX_REASON} printable characters,
     * returned stripped.
     *
     * @throws IllegalArgumentException naming what is wrong, for a 400
     */
    public static String reason(String text, String action) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(action + " needs a reason (what was fixed, a ticket), kept with it");
        }
        if (text.length() > MAX_REASON || !text.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("the reason must be at most " + MAX_REASON + " printable characters; got "
                    + shown(text));
        }
        return text.strip();
    }

    /**
     * A customer's id as an operator names one (a token's subject): 1 to 64 printable ASCII characters, no space.
     *
     * @throws IllegalArgumentException for a 400
     */
    public static String customer(String text) {
        if (text == null || text.isEmpty() || text.length() > 64 || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("customer must be 1 to 64 printable characters, got " + shown(text));
        }
        return text;
    }

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * A moment a client names for a period's bound: an ISO-8601 instant ({@code 2026-12-02T09:00:00Z}) or a date
     * ({@code 2026-12-02}, its first moment in UTC); {@code fallback} when absent.
     *
     * @throws IllegalArgumentException naming the field, for a 400
     */
    public static Instant instant(String text, String field, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            if (text.length() > 40) {
                throw new IllegalArgumentException("too long");
            }
            Instant instant = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
            // Within what every database's timestamp holds: a year such as -290000 is a 400 here, not an error there.
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range");
            }
            return instant;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be an instant such as 2026-12-02T09:00:00Z or a date such as "
                    + "2026-12-02, from 1970 to 9999, got " + shown(text));
        }
    }

    public static String shown(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() <= ECHO_LIMIT && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? "'" + text + "'"
                : "an input of " + text.length() + " characters";
    }
}
