package com.fxbank.common.input;

/** How a message may quote what a client sent: whole when short and printable, only its length otherwise. */
public final class ClientInput {

    private static final int ECHO_LIMIT = 24;

    private ClientInput() {
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
