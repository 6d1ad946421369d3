package com.fxbank.exchange.domain;

/**
 * What a ledger said about a saga step. A timeout, a reset connection or a 5xx after the request may
 * have been sent is {@link Unknown}, never a failure (DESIGN B3).
 */
public sealed interface LedgerOutcome {

    record Applied() implements LedgerOutcome {
    }

    record Refused(String reason) implements LedgerOutcome {
    }

    /** A withdrawal that a cancel already credited back. */
    record Refunded() implements LedgerOutcome {
    }

    /** A status read: the ledger has no record of the step. */
    record NotFound() implements LedgerOutcome {
    }

    record Unknown(String cause) implements LedgerOutcome {
    }

    /**
     * The request never left (the ledger's circuit breaker is open, no service token): the ledger cannot have
     * applied it. Unlike {@link Unknown}, nothing needs checking or compensating.
     */
    record NotSent(String cause) implements LedgerOutcome {
    }
}
