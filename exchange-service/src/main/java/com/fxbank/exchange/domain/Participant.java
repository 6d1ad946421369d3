package com.fxbank.exchange.domain;

/**
 * The two participants of every exchange's saga: the ledgers, each an account-service deployment with its own
 * database. Its {@link #id()} is the deployment's name, which also names its topics and its consumer group.
 */
public enum Participant {
    KRW_ACCOUNT("krw-account"),
    FX_ACCOUNT("fx-account");

    private final String id;

    Participant(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
