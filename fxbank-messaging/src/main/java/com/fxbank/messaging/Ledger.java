package com.fxbank.messaging;

/**
 * The two ledgers of FxBank, each an account-service deployment with its own database, and the
 * compensation topics that belong to each (DESIGN.md §1).
 */
public enum Ledger {
    KRW_ACCOUNT("krw-account"),
    FX_ACCOUNT("fx-account");

    private final String id;

    Ledger(String id) {
        this.id = id;
    }

    /** The deployment name, as in topic names and in {@code fxbank.ledger}. */
    public String id() {
        return id;
    }

    /** Where the exchange service asks this ledger to cancel a withdrawal. */
    public String withdrawalCancelRequestTopic() {
        return id + ".withdrawal-cancel.request";
    }

    /** Where this ledger answers a cancel; the request names it in its REPLY_TOPIC header. */
    public String withdrawalCancelResponseTopic() {
        return id + ".withdrawal-cancel.response";
    }

    public static Ledger fromId(String id) {
        for (Ledger ledger : values()) {
            if (ledger.id.equals(id)) {
                return ledger;
            }
        }
        throw new IllegalArgumentException("unknown ledger '" + id + "', expected krw-account or fx-account");
    }
}
