package com.fxbank.messaging;

/**
 * The ledger's saga-step contract over HTTP, written once for both sides (the exchange service calls it, the
 * account service answers it), beside the Kafka messages of the compensation:
 * <pre>
 * PUT /internal/v1/withdrawals/{exchangeId}   {@link Request}  → 200 {@link Response}
 * PUT /internal/v1/deposits/{exchangeId}      {@link Request}  → 200 {@link Response}
 * GET /internal/v1/withdrawals/{exchangeId}                    → 200 {@link Response}, or 404 with state NOT_FOUND
 * GET /internal/v1/deposits/{exchangeId}                       → 200 {@link Response}, or 404 with state NOT_FOUND
 * </pre>
 * A refusal is an answer (200, REFUSED with a reason), not an error. A withdrawal that a cancel reached first is
 * refused for good: REFUSED with reason {@value #TOMBSTONE_REASON}.
 */
public final class LedgerStep {

    /** The reason of a withdrawal refused because its cancel came first (the tombstone of DESIGN B2). */
    public static final String TOMBSTONE_REASON = "CANCELED";

    private LedgerStep() {
    }

    public enum Kind {
        WITHDRAWAL, DEPOSIT
    }

    public enum State {
        APPLIED, REFUSED, REFUNDED, NOT_FOUND
    }

    /** @param amount a plain decimal at the currency's minor unit (the account service parses it strictly) */
    public record Request(String owner, String amount, String currency) {
    }

    /** What the ledger did for one step of one exchange; owner, amount and currency are empty for NOT_FOUND. */
    public record Response(String exchangeId, Kind step, State state, String reason, String owner, String amount,
                           String currency) {
    }
}
