package com.fxbank.account.domain;

/** Why a ledger refused a withdrawal or a deposit. A refusal is a business outcome, not an error. */
public enum RefusalReason {
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    LIMIT_EXCEEDED,
    NO_SUCH_ACCOUNT,
    /** The exchange was cancelled before its withdrawal arrived (the tombstone). */
    CANCELED
}
