package com.fxbank.security;

import java.util.Locale;

/** Who may do what (DESIGN B6). A token carries its roles in the {@code roles} claim. */
public enum Role {
    /** A bank customer: sees and spends only their own accounts (owner = the token's subject). */
    CUSTOMER,
    /** Bank staff: top-ups, freezes, limits, exchanges needing attention, dead letters. */
    OPERATOR,
    /** The exchange service calling the ledgers' saga endpoints; never given to a customer. */
    SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The OAuth2 scope a client asks the development issuer for to get this role ({@code customer}, …). */
    public String scope() {
        return name().toLowerCase(Locale.ROOT);
    }
}
