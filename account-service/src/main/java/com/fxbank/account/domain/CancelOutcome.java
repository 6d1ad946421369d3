package com.fxbank.account.domain;

/** What the cancel of a withdrawal did, as the reply tells the exchange service (seed R2). */
public enum CancelOutcome {
    /** The withdrawal was credited back, now or by an earlier copy of the request. */
    REFUNDED,
    /** Nothing to refund: the withdrawal was refused, or never came and is now refused by a tombstone. */
    NOTHING_WITHDRAWN
}
