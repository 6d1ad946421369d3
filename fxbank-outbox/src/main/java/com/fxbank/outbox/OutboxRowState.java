package com.fxbank.outbox;

/**
 * Where an outbox row stands, each state with the one SQL predicate that selects it.
 *
 * <pre>
 *   written ──▶ WAITING ──(claimed, sent, acknowledged)──▶ SENT ──(retention)──▶ deleted
 *                 ▲  │
 *                 │  └──(failed park-after times while others flowed, or refused for good)──▶ PARKED
 *                 └──────────────────────(an operator releases it)──────────────────────────────┘
 * </pre>
 * A WAITING row that failed is due again after its retry pause; one that a relay claimed is its alone until the claim
 * runs out. Neither is a state of its own: both are columns of a WAITING row ({@code next_attempt_at},
 * {@code claimed_until}).
 */
public enum OutboxRowState {

    /** Written and not yet acknowledged by Kafka: due now, after its retry pause, or claimed by a relay. */
    WAITING("sent_at IS NULL AND parked_at IS NULL"),
    /** Given up on by the relay until an operator releases it. */
    PARKED("sent_at IS NULL AND parked_at IS NOT NULL"),
    /** Acknowledged by Kafka; kept for the retention, then deleted. */
    SENT("sent_at IS NOT NULL");

    /** WAITING or PARKED: not acknowledged yet (zero at rest, the audit checks it). */
    static final String UNSENT = "sent_at IS NULL";

    private final String predicate;

    OutboxRowState(String predicate) {
        this.predicate = predicate;
    }

    /** The SQL condition on {@code outbox_message} that holds for the rows in this state. */
    String predicate() {
        return predicate;
    }
}
