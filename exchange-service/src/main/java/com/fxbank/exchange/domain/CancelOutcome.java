package com.fxbank.exchange.domain;

/** What a ledger answered to a cancel of a withdrawal (the seed's WithdrawalCancelResponse, as the saga sees it). */
public enum CancelOutcome {
    /** The withdrawal was credited back (now, or by an earlier copy of the request). */
    REFUNDED,
    /** There was nothing to refund: the withdrawal was refused, or never arrived and is now refused for good. */
    NOTHING_WITHDRAWN
}
