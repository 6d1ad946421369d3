package com.fxbank.account.domain;

/** The customer who holds an account: the subject of their token. */
public record Owner(String value) {

    public Owner {
        if (value == null || !value.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException(
                    "owner must be 1 to 64 letters, digits or . _ @ -, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
