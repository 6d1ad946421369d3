package com.fxbank.common.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.fxbank.common.input.ClientInput;

/**
 * The one rule by which an amount typed by a person or sent by a client becomes a number, at every entry
 * point of every service (HTTP bodies, the command line). It runs before any arithmetic and costs the same
 * whatever is sent:
 * <ul>
 *   <li>a plain decimal: digits, optionally a point and more digits — no sign, no exponent, no spaces,
 *       no {@code NaN} or {@code Infinity};</li>
 *   <li>at most {@value #MAX_INTEGER_DIGITS} digits before the point (the ledgers' NUMERIC(19, 4)
 *       columns hold 15) and {@value #MAX_FRACTION_DIGITS} after it; whether the decimals fit the
 *       currency's minor unit is {@link Money}'s rule;</li>
 *   <li>the length is checked before the text is looked at, and a refused input is never echoed back
 *       whole, so no input can make a request slow or its answer large.</li>
 * </ul>
 * Zero passes (a limit may be zero); whether an amount must be positive is the caller's rule.
 */
public final class Amounts {

    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_FRACTION_DIGITS = 4;
    private static final int MAX_LENGTH = MAX_INTEGER_DIGITS + 1 + MAX_FRACTION_DIGITS;
    private static final Pattern PLAIN_DECIMAL =
            Pattern.compile("[0-9]{1," + MAX_INTEGER_DIGITS + "}(\\.[0-9]{1," + MAX_FRACTION_DIGITS + "})?");

    private Amounts() {
    }

    /**
     * @param text  the amount as the client wrote it (a JSON number arrives as its literal text)
     * @param field the field's name, for the message
     * @return the amount, never negative
     * @throws IllegalArgumentException with a short message when {@code text} is not a plain decimal within bounds
     */
    public static BigDecimal parse(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (text.length() > MAX_LENGTH || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(field + " must be a plain decimal number such as 1234.56: no sign, "
                    + "no exponent, at most " + MAX_INTEGER_DIGITS + " digits before the point and "
                    + MAX_FRACTION_DIGITS + " after it; got " + ClientInput.shown(text));
        }
        return new BigDecimal(text);
    }
}
